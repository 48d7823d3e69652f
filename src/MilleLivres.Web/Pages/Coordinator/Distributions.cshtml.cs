using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>
/// A town's distributions for one wave: the progress, the rows recorded (edit, remove), a form for several rows at
/// once, testimonials with the consent box, and "distribution terminée". Only the town's coordinators reach it: another
/// town, or a town not in the wave, is 404 and nothing changes.
/// </summary>
public class DistributionsModel(AppDbContext db, Distributions distributions, DistributionProgress progress) : PageModel
{
    public const int BlankRows = 3;

    public DistributionProgress.Progress Progress { get; private set; } = null!;
    public DistributionReport? Report { get; private set; }
    public IReadOnlyList<Testimonial> Testimonials { get; private set; } = [];
    public IReadOnlyDictionary<int, string> BandLabels { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<SelectListItem> Bands { get; private set; } = [];

    [BindProperty]
    public RowsInput Input { get; set; } = new();

    [BindProperty]
    public TestimonyInput Testimony { get; set; } = new();

    [BindProperty]
    public FinishInput Finish { get; set; } = new();

    public sealed class RowsInput
    {
        public string SubmissionKey { get; set; } = string.Empty;
        public List<DistributionPage.RowForm> Rows { get; set; } = [];
    }

    public sealed class TestimonyInput
    {
        public string SubmissionKey { get; set; } = string.Empty;
        public string? Text { get; set; }
        public TestimonialSource? Source { get; set; }
        public bool Consent { get; set; }
    }

    public sealed class FinishInput
    {
        public string? ClosingComment { get; set; }
    }

    private DistributionUser CurrentUser => new(User.FindFirstValue(ClaimTypes.NameIdentifier), IsStaff: false);

    public async Task<IActionResult> OnGetAsync(int waveId, int townId, CancellationToken ct)
    {
        if (!await LoadAsync(waveId, townId, ct))
        {
            return NotFound();
        }
        Input = NewRows();
        Testimony = new TestimonyInput { SubmissionKey = Guid.NewGuid().ToString("N") };
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int waveId, int townId, CancellationToken ct)
    {
        if (!await distributions.CanSeeAsync(CurrentUser, waveId, townId, ct))
        {
            return NotFound();
        }
        var positions = Input.Rows.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank).Select(x => x.i).ToList();
        if (DistributionPage.IsValid(ModelState, "Input"))
        {
            try
            {
                var added = await distributions.AddRowsAsync(CurrentUser, waveId, townId,
                    positions.Select(i => Input.Rows[i].ToInput()).ToList(), Input.SubmissionKey, ct);
                TempData["Success"] = added == 0
                    ? "Ces lignes étaient déjà enregistrées : rien n'a changé."
                    : $"{added} ligne(s) de distribution enregistrée(s).";
                return RedirectToPage(new { waveId, townId });
            }
            catch (DistributionNotFoundException)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                DistributionPage.AddError(ModelState, e, "Input", positions);
            }
        }
        return await RedisplayAsync(waveId, townId, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int waveId, int townId, int rowId, CancellationToken ct)
    {
        try
        {
            TempData["Success"] = await distributions.RemoveRowAsync(CurrentUser, waveId, townId, rowId, ct)
                ? "La ligne a été retirée."
                : "Cette ligne était déjà retirée : rien n'a changé.";
            return RedirectToPage(new { waveId, townId });
        }
        catch (DistributionNotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        return await RedisplayAsync(waveId, townId, ct);
    }

    public async Task<IActionResult> OnPostTestimonyAsync(int waveId, int townId, CancellationToken ct)
    {
        if (DistributionPage.IsValid(ModelState, "Testimony"))
        {
            try
            {
                TempData["Success"] = await distributions.AddTestimonialAsync(CurrentUser, waveId, townId, Testimony.Text, Testimony.Source,
                    Testimony.Consent, Testimony.SubmissionKey, ct)
                    ? "Merci : le témoignage est enregistré. L'équipe Biblionef le relira avant tout usage public."
                    : "Ce témoignage était déjà enregistré : rien n'a changé.";
                return RedirectToPage(new { waveId, townId });
            }
            catch (DistributionNotFoundException)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                DistributionPage.AddError(ModelState, e, "Testimony");
            }
        }
        return await RedisplayAsync(waveId, townId, ct, keepTestimony: true);
    }

    public async Task<IActionResult> OnPostFinishAsync(int waveId, int townId, CancellationToken ct)
    {
        try
        {
            TempData["Success"] = await distributions.FinishAsync(CurrentUser, waveId, townId, Finish.ClosingComment, ct)
                ? "La distribution est déclarée terminée. Merci pour ce bilan !"
                : "La distribution était déjà déclarée terminée : rien n'a changé.";
            return RedirectToPage(new { waveId, townId });
        }
        catch (DistributionNotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            DistributionPage.AddError(ModelState, e, "Finish");
        }
        return await RedisplayAsync(waveId, townId, ct);
    }

    private async Task<IActionResult> RedisplayAsync(int waveId, int townId, CancellationToken ct, bool keepTestimony = false)
    {
        if (!await LoadAsync(waveId, townId, ct))
        {
            return NotFound();
        }
        if (Input.Rows.Count == 0 || string.IsNullOrEmpty(Input.SubmissionKey))
        {
            Input = NewRows();
        }
        if (!keepTestimony || string.IsNullOrEmpty(Testimony.SubmissionKey))
        {
            Testimony = new TestimonyInput { SubmissionKey = Guid.NewGuid().ToString("N") };
        }
        return Page();
    }

    private RowsInput NewRows() => new()
    {
        SubmissionKey = Guid.NewGuid().ToString("N"),
        Rows = Enumerable.Range(0, BlankRows).Select(_ => new DistributionPage.RowForm { Date = distributions.Today }).ToList(),
    };

    private async Task<bool> LoadAsync(int waveId, int townId, CancellationToken ct)
    {
        if (!await distributions.CanSeeAsync(CurrentUser, waveId, townId, ct))
        {
            return false;
        }
        Progress = await progress.ForTownAsync(waveId, townId, ct);
        Report = await distributions.ReportAsync(CurrentUser, waveId, townId, ct);
        Testimonials = await distributions.TestimonialsAsync(CurrentUser, waveId, townId, ct);
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ToListAsync(ct);
        BandLabels = bands.ToDictionary(b => b.Id, b => b.Label);
        Bands = bands.Select(b => new SelectListItem(b.Label, b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return true;
    }
}
