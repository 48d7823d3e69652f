using MilleLivres.Core.Data;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Packing;

/// <summary>
/// The packing section of a wave's page: k of n towns' slips ready, failures with their reason and a retry button,
/// a link to the packing page. One line in the wave page, so the planning work on that page is left alone.
/// </summary>
public sealed class PackingSummaryViewComponent : ViewComponent
{
    public sealed record Failure(long WorkItemId, string TownName, string? Error);

    public sealed record Summary(int WaveId, int Towns, WorkProgress Progress, IReadOnlyList<Failure> Failures);

    /// <summary>Renders a summary read by <see cref="ReadAsync"/> (the wave page reads it once per state of its data).</summary>
    public IViewComponentResult Invoke(Summary summary) => View(summary);

    /// <summary>The section's data: the work rows of the wave's slips, and the towns' names once slips were asked for.</summary>
    public static async Task<Summary> ReadAsync(AppDbContext db, WorkQueue queue, int waveId, CancellationToken ct = default)
    {
        var progress = await queue.ProgressAsync(PackingSlipWork.Group(waveId), ct);
        // The towns are named only once slips were asked for (progress and failures): none before.
        List<(int TownId, string Name)> towns = progress.Total == 0 ? [] : (await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == waveId)
            .Select(t => new { t.TownId, t.Town.Name }).ToListAsync(ct)).Select(t => (t.TownId, t.Name)).ToList();
        var failures = progress.Failures
            .Select(f => new Failure(f.WorkItemId,
                towns.Where(t => PackingSlipWork.Key(waveId, t.TownId) == f.Key).Select(t => t.Name).FirstOrDefault() ?? f.Key, f.Error))
            .ToList();
        return new Summary(waveId, towns.Count, progress, failures);
    }
}
