using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Distributions;

/// <summary>Staff view of a town's distributions in a wave: progress, rows, closing comment, testimonials; reopen.</summary>
public class IndexModel(AppDbContext db, Core.Distribution.Distributions distributions, DistributionProgress progress) : PageModel
{
    public DistributionProgress.Progress Progress { get; private set; } = null!;
    public DistributionReport? Report { get; private set; }
    public IReadOnlyList<Testimonial> Testimonials { get; private set; } = [];
    public IReadOnlyDictionary<int, string> BandLabels { get; private set; } = new Dictionary<int, string>();

    private DistributionUser CurrentUser => new(User.FindFirstValue(ClaimTypes.NameIdentifier), IsStaff: true);

    public async Task<IActionResult> OnGetAsync(int waveId, int townId, CancellationToken ct) =>
        await LoadAsync(waveId, townId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReopenAsync(int waveId, int townId, CancellationToken ct)
    {
        try
        {
            TempData["Success"] = await distributions.ReopenAsync(CurrentUser, waveId, townId, ct)
                ? "La distribution est rouverte : la ville peut de nouveau la modifier."
                : "La distribution était déjà ouverte : rien n'a changé.";
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
        return await LoadAsync(waveId, townId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int waveId, int townId, CancellationToken ct)
    {
        if (!await distributions.CanSeeAsync(CurrentUser, waveId, townId, ct))
        {
            return false;
        }
        Progress = await progress.ForTownAsync(waveId, townId, ct);
        Report = await distributions.ReportAsync(CurrentUser, waveId, townId, ct);
        Testimonials = await distributions.TestimonialsAsync(CurrentUser, waveId, townId, ct);
        BandLabels = await db.AgeBands.AsNoTracking().ToDictionaryAsync(b => b.Id, b => $"{b.MinAge}-{b.MaxAge} ans ({b.Name})", ct);
        return true;
    }
}
