using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// The distribution rows summed in one pass (ADR 0823), per report and age band: books handed out, children reached and
/// the first moment a row was recorded. The covering index IX_DistributionRows_ReportId_AgeBandId_Totals serves it in
/// its own order; reports give the wave and town. Shared by the figures (per wave and band) and completeness (per town).
/// </summary>
public static class DistributionTotals
{
    public sealed record Total(int WaveId, int TownId, int AgeBandId, long Books, long Children, DateTime FirstRecordedAtUtc);

    public static async Task<IReadOnlyList<Total>> PerTownAndBandAsync(AppDbContext db, CancellationToken ct = default)
    {
        var sums = await db.DistributionRows.AsNoTracking()
            .GroupBy(r => new { r.ReportId, r.AgeBandId })
            .Select(g => new
            {
                g.Key.ReportId,
                g.Key.AgeBandId,
                Books = g.Sum(r => (long)r.BooksHandedOut),
                Children = g.Sum(r => (long)r.ChildrenReached),
                First = g.Min(r => r.RecordedAtUtc),
            })
            .ToListAsync(ct);
        var reports = await db.DistributionReports.AsNoTracking()
            .Select(r => new { r.Id, r.WaveId, r.TownId })
            .ToDictionaryAsync(r => r.Id, ct);
        return sums.Select(s =>
        {
            var report = reports[s.ReportId];
            return new Total(report.WaveId, report.TownId, s.AgeBandId, s.Books, s.Children, s.First);
        }).ToList();
    }
}
