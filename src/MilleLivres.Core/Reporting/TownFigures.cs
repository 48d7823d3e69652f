using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// Each town's figures in a wave, per age band, with the dashboard's definitions (<see cref="ProgrammeFigures"/>):
/// allocated (allocation lines), shipped (cartons of a delivery that left, and replacement cartons), received
/// (<see cref="ReceivedBooks"/>), handed out and children reached (distribution rows). Grouped queries per
/// (wave, town, band); "received" is asked of <see cref="ReceivedBooks"/> once per wave, its one definition.
/// </summary>
public static class TownFigures
{
    public sealed record Totals(long Allocated, long Shipped, long Received, long HandedOut, long Children)
    {
        public static readonly Totals Empty = new(0, 0, 0, 0, 0);

        public static Totals operator +(Totals a, Totals b) =>
            new(a.Allocated + b.Allocated, a.Shipped + b.Shipped, a.Received + b.Received, a.HandedOut + b.HandedOut, a.Children + b.Children);
    }

    /// <summary>Per (wave, town, band), for one wave or every wave.</summary>
    public static async Task<Dictionary<(int WaveId, int TownId, int AgeBandId), Totals>> PerBandAsync(
        AppDbContext db, ReceivedBooks receivedBooks, int? waveId, CancellationToken ct = default)
    {
        var allocated = await db.AllocationLines.AsNoTracking()
            .Where(l => waveId == null || l.WaveId == waveId)
            .GroupBy(l => new { l.WaveId, l.TownId, l.AgeBandId })
            .Select(g => new { g.Key.WaveId, g.Key.TownId, g.Key.AgeBandId, Quantity = g.Sum(l => (long)l.Quantity) })
            .ToListAsync(ct);
        var shipped = await (from c in db.Cartons.AsNoTracking()
                             where (waveId == null || c.WaveId == waveId)
                                 && (c.DispatchedOn != null || db.Shipments.Any(s => s.WaveId == c.WaveId && s.TownId == c.TownId))
                             join l in db.CartonLines on c.Id equals l.CartonId
                             group l by new { c.WaveId, c.TownId, l.AgeBandId } into g
                             select new { g.Key.WaveId, g.Key.TownId, g.Key.AgeBandId, Quantity = g.Sum(l => (long)l.Quantity) })
            .ToListAsync(ct);
        var distributed = await (from r in db.DistributionRows.AsNoTracking()
                                 join p in db.DistributionReports on r.ReportId equals p.Id
                                 where waveId == null || p.WaveId == waveId
                                 group r by new { p.WaveId, p.TownId, r.AgeBandId } into g
                                 select new
                                 {
                                     g.Key.WaveId, g.Key.TownId, g.Key.AgeBandId,
                                     Books = g.Sum(r => (long)r.BooksHandedOut), Children = g.Sum(r => (long)r.ChildrenReached),
                                 })
            .ToListAsync(ct);
        List<int> waveIds = waveId is { } id ? [id] : await db.Waves.AsNoTracking().Select(w => w.Id).ToListAsync(ct);
        var received = new List<ReceivedBooks.Row>();
        foreach (var w in waveIds)
        {
            received.AddRange(await receivedBooks.PerBandAsync(w, ct: ct));
        }

        var result = new Dictionary<(int, int, int), Totals>();
        void Add((int, int, int) key, Totals t) => result[key] = result.GetValueOrDefault(key, Totals.Empty) + t;
        foreach (var a in allocated)
        {
            Add((a.WaveId, a.TownId, a.AgeBandId), Totals.Empty with { Allocated = a.Quantity });
        }
        foreach (var s in shipped)
        {
            Add((s.WaveId, s.TownId, s.AgeBandId), Totals.Empty with { Shipped = s.Quantity });
        }
        foreach (var r in received)
        {
            Add((r.WaveId, r.TownId, r.AgeBandId), Totals.Empty with { Received = r.Received });
        }
        foreach (var d in distributed)
        {
            Add((d.WaveId, d.TownId, d.AgeBandId), Totals.Empty with { HandedOut = d.Books, Children = d.Children });
        }
        return result;
    }

    /// <summary>Per (wave, town), all bands together.</summary>
    public static async Task<Dictionary<(int WaveId, int TownId), Totals>> ComputeAsync(
        AppDbContext db, ReceivedBooks receivedBooks, int? waveId, CancellationToken ct = default) =>
        (await PerBandAsync(db, receivedBooks, waveId, ct))
            .GroupBy(x => (x.Key.WaveId, x.Key.TownId))
            .ToDictionary(g => g.Key, g => g.Aggregate(Totals.Empty, (sum, x) => sum + x.Value));
}
