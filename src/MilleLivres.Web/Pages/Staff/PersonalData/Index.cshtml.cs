using System.Text;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.PersonalData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.PersonalData;

/// <summary>
/// « Données personnelles »: what the next retention run will anonymise and when, the past runs, and a person's
/// requests (find by email or name, export, correct, erase with a reason).
/// </summary>
public class IndexModel(
    AppDbContext db, RetentionService retention, PersonalDataRequests requests, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<PersonalDataOptions> options, Microsoft.Extensions.Options.IOptions<DemoOptions> demo,
    IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<Core.Options.BackgroundJobsOptions> jobs) : PageModel
{
    /// <summary>Searched by POST, so no address or name ends up in a URL (proxy logs, history).</summary>
    [BindProperty(Name = "q")]
    public string? Query { get; set; }

    [BindProperty]
    public EraseInput Erase { get; set; } = new();

    [BindProperty]
    public CorrectInput Correct { get; set; } = new();

    public DateTime NextRunUtc { get; private set; }

    /// <summary>False when no daily run is scheduled here: the page then lists what is due now.</summary>
    public bool Scheduled { get; private set; }
    public IReadOnlyList<RetentionDue> Due { get; private set; } = [];
    public IReadOnlyList<AnonymisationRecord> Records { get; private set; } = [];
    public PersonalDataReport? Report { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public sealed class EraseInput
    {
        public string? Email { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class CorrectInput
    {
        public int ApplicationId { get; set; }
        public bool Coordinator { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        await SearchAsync(ct);
        return Page();
    }

    private async Task SearchAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        try
        {
            Report = await requests.FindAsync(Query, ct);
            if (string.IsNullOrEmpty(Erase.Email) && Report.Query.Contains('@', StringComparison.Ordinal))
            {
                Erase.Email = Report.Query;
            }
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("q", e.Message);
        }
    }

    /// <summary>The export, as JSON (format=json) or the French summary (format=txt), as a download.</summary>
    public async Task<IActionResult> OnPostExportAsync(string? format, CancellationToken ct)
    {
        PersonalDataReport report;
        try
        {
            report = await requests.FindAsync(Query, ct);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("q", e.Message);
            await LoadAsync(ct);
            return Page();
        }
        var stamp = report.AtUtc.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return format == "txt"
            ? File(Encoding.UTF8.GetBytes(report.ToSummaryText()), "text/plain; charset=utf-8", $"donnees-personnelles-{stamp}.txt")
            : File(Encoding.UTF8.GetBytes(report.ToJson()), "application/json; charset=utf-8", $"donnees-personnelles-{stamp}.json");
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        var record = await retention.RunAsync(ct);
        Message = $"Anonymisation faite : {Describe(record)}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        try
        {
            var record = await requests.EraseAsync(Erase.Email, Erase.Reason, ct);
            Message = $"Effacement fait : {Describe(record)}. L'adresse n'apparaît plus nulle part.";
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e, "Erase");
            Query = Erase.Email;
            await SearchAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        try
        {
            await requests.CorrectApplicationContactAsync(Correct.ApplicationId, Correct.Coordinator, Correct.Name, Correct.Email, Correct.Phone, ct);
            Message = $"Candidature n° {Correct.ApplicationId} corrigée.";
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e, "Correct");
            await SearchAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Scheduled = jobs.Value.RunServer && Hosting.RecurringJobsRegistration.RetentionScheduled(options.Value, environment, demo.Value);
        NextRunUtc = Scheduled ? retention.NextRunUtc() : clock.GetUtcNow().UtcDateTime;
        Due = await retention.DueAsync(NextRunUtc, ct);
        Records = await db.Set<AnonymisationRecord>().AsNoTracking().OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).Take(20).ToListAsync(ct);
    }

    public static string Describe(AnonymisationRecord r) =>
        $"{r.Applications} candidature(s), {r.TownContacts} fiche(s) de ville, {r.Accounts} compte(s), {r.Invitations} invitation(s), {r.Mails} courriel(s)";
}
