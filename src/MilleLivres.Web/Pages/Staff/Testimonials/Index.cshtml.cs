using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Testimonials;

/// <summary>Staff moderate testimonials before any public use: those awaiting a decision first.</summary>
public class IndexModel(AppDbContext db, Core.Distribution.Distributions distributions) : PageModel
{
    public IReadOnlyList<Row> Testimonials { get; private set; } = [];

    public sealed record Row(int Id, int WaveId, int TownId, string TownName, string WaveName, string Text, TestimonialSource Source,
        bool ConsentToQuote, ModerationState Moderation, string? ModeratedBy);

    [BindProperty]
    public string? Note { get; set; }

    private DistributionUser CurrentUser => new(User.FindFirstValue(ClaimTypes.NameIdentifier), IsStaff: true);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostModerateAsync(int id, bool approve, CancellationToken ct)
    {
        try
        {
            TempData["Success"] = await distributions.ModerateAsync(CurrentUser, id, approve, Note, ct)
                ? (approve ? "Témoignage approuvé pour un usage public." : "Témoignage refusé : il ne sera pas utilisé publiquement.")
                : "Ce témoignage avait déjà cette décision : rien n'a changé.";
            return RedirectToPage();
        }
        catch (DistributionNotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Testimonials = await (from t in db.Testimonials.AsNoTracking()
                              join r in db.DistributionReports on t.ReportId equals r.Id
                              join town in db.Towns on r.TownId equals town.Id
                              join w in db.Waves on r.WaveId equals w.Id
                              orderby t.Moderation, t.Id descending
                              select new Row(t.Id, r.WaveId, r.TownId, town.Name, w.Name, t.Text, t.Source, t.ConsentToQuote, t.Moderation, t.ModeratedBy))
            .ToListAsync(ct);
    }
}
