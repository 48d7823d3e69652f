using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

public class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<TownView> Towns { get; private set; } = [];

    public sealed record TownView(int Id, string Name, string CiteEducativeName, string Departement, IReadOnlyList<WaveView> Waves);

    public sealed record WaveView(int Id, int Number, string Name, WaveStatus Status, DateOnly? PlannedDeliveryOn, DateOnly? ActualDeliveryOn, DateOnly? DistributionStartedOn);

    public async Task OnGetAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        // Only the towns this user coordinates: the filter is the access rule.
        Towns = await db.CoordinatorTowns.AsNoTracking()
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
            .ToListAsync();
    }
}
