using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>
/// The coordinator's home: the progress of each of their towns (per age band, what remains to do) for every wave
/// whose books are allocated, then the list of waves.
/// </summary>
public class IndexModel(AppDbContext db, DistributionProgress progress) : PageModel
{
    public IReadOnlyList<TownView> Towns { get; private set; } = [];

    public sealed record TownView(int Id, string Name, string CiteEducativeName, string Departement, IReadOnlyList<WaveView> Waves)
    {
        public IReadOnlyList<DistributionProgress.Progress> Progress { get; init; } = [];
    }

    public sealed record WaveView(int Id, int Number, string Name, WaveStatus Status, DateOnly? PlannedDeliveryOn, DateOnly? ActualDeliveryOn, DateOnly? DistributionStartedOn);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        // Only the towns this user coordinates: the filter is the access rule.
        var towns = await db.CoordinatorTowns.AsNoTracking()
            .Where(c => c.UserId == userId)
            .Select(c => new TownView(
                c.Town.Id,
                c.Town.Name,
                c.Town.CiteEducativeName,
                c.Town.Departement,
                db.WaveTowns.Where(wt => wt.TownId == c.TownId)
                    .OrderByDescending(wt => wt.Wave.Number)
                    .Select(wt => new WaveView(wt.WaveId, wt.Wave.Number, wt.Wave.Name, wt.Wave.Status, wt.Wave.PlannedDeliveryOn, wt.Wave.ActualDeliveryOn, wt.DistributionStartedOn))
                    .ToList()))
            .ToListAsync(ct);
        var result = new List<TownView>();
        foreach (var town in towns)
        {
            var list = new List<DistributionProgress.Progress>();
            foreach (var wave in town.Waves)
            {
                // A wave has figures to follow once its books are allocated to the town.
                if (await db.AllocationLines.AnyAsync(l => l.WaveId == wave.Id && l.TownId == town.Id, ct))
                {
                    list.Add(await progress.ForTownAsync(wave.Id, town.Id, ct));
                }
            }
            result.Add(town with { Progress = list });
        }
        Towns = result;
    }
}
