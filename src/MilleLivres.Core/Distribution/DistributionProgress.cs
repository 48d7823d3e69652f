using MilleLivres.Core.Data;
using MilleLivres.Core.Receipt;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MilleLivres.Core.Distribution;

/// <summary>
/// A town's (or a whole wave's) progress per age band: books allocated, shipped, received (after differences, from
/// <see cref="ReceivedBooks"/>), handed out and left, children reached, and what remains to do.
/// </summary>
public sealed class DistributionProgress(AppDbContext db, ReceivedBooks received, IMemoryCache cache)
{
    public sealed record Band(int AgeBandId, string Label, int Allocated, int Shipped, int Received, int HandedOut, int ChildrenReached)
    {
        public int Left => Math.Max(0, Received - HandedOut);

        /// <summary>Share of the received books handed out, 0 to 100.</summary>
        public int Percent => Received == 0 ? 0 : (int)Math.Round(100.0 * Math.Min(HandedOut, Received) / Received);
    }

    public sealed record Progress(
        int WaveId, string WaveName, int? TownId, string? TownName, IReadOnlyList<Band> Bands,
        int Cartons, int CartonsToConfirm, int ReportsToFinish, int Towns, bool Dispatched)
    {
        public int Allocated => Bands.Sum(b => b.Allocated);
        public int Shipped => Bands.Sum(b => b.Shipped);
        public int Received => Bands.Sum(b => b.Received);
        public int HandedOut => Bands.Sum(b => b.HandedOut);
        public int Left => Bands.Sum(b => b.Left);
        public int ChildrenReached => Bands.Sum(b => b.ChildrenReached);
    }

    public Task<Progress> ForTownAsync(int waveId, int townId, CancellationToken ct = default) => ComputeAsync(waveId, townId, ct);

    public Task<Progress> ForWaveAsync(int waveId, CancellationToken ct = default) => ComputeAsync(waveId, null, ct);

    /// <summary>
    /// Books allocated per band. Summing a wave's lines reads tens of thousands of rows (80,000 for 80 towns), so the
    /// sums are kept in memory under the wave's audit state (its newest entry, ADR 0529): every change of a wave's allocation lines
    /// (confirmation, undo, per-town edit) writes an audit entry with the wave's id in the same transaction, so a
    /// new id means new sums, and any instance reading the same database sees the same id (ADR 0525). The id is read
    /// before the lines: a change committed in between is then stored under the old id, never the reverse.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, int>> AllocatedPerBandAsync(int waveId, int? townId, CancellationToken ct)
    {
        var version = await db.AuditStateAsync(waveId, ct);
        var key = (nameof(AllocatedPerBandAsync), waveId, townId, version);
        if (cache.TryGetValue(key, out IReadOnlyDictionary<int, int>? cached) && cached is not null)
        {
            return cached;
        }
        var sums = await db.AllocationLines.AsNoTracking()
            .Where(l => l.WaveId == waveId && (townId == null || l.TownId == townId))
            .GroupBy(l => l.AgeBandId).Select(g => new { Band = g.Key, Quantity = g.Sum(l => l.Quantity) })
            .ToDictionaryAsync(x => x.Band, x => x.Quantity, ct);
        cache.Set(key, sums, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 });
        return sums;
    }

    private async Task<Progress> ComputeAsync(int waveId, int? townId, CancellationToken ct)
    {
        var waveName = await db.Waves.AsNoTracking().Where(w => w.Id == waveId).Select(w => w.Name).SingleAsync(ct);
        var townName = townId is null ? null : await db.Towns.AsNoTracking().Where(t => t.Id == townId).Select(t => t.Name).SingleAsync(ct);
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder)
            .Select(b => new { b.Id, b.MinAge, b.MaxAge, b.Name }).ToListAsync(ct);

        var allocated = await AllocatedPerBandAsync(waveId, townId, ct);

        var cartonStates = await db.Cartons.AsNoTracking()
            .Where(c => c.WaveId == waveId && (townId == null || c.TownId == townId))
            .GroupBy(c => c.ReceiptState == CartonReceiptState.Awaiting)
            .Select(g => new { Awaiting = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        // Before packing there is no carton, hence nothing shipped or received: two grouped joins fewer on the wave page.
        var hasCartons = cartonStates.Count > 0;
        // Shipped: the cartons of a delivery that has left, and replacement cartons staff dispatched (each on its own day).
        var shippedTowns = db.Shipments.Where(s => s.WaveId == waveId).Select(s => s.TownId);
        var shipped = !hasCartons ? [] : await (from c in db.Cartons.AsNoTracking()
                                 where c.WaveId == waveId && (townId == null || c.TownId == townId)
                                     && (c.ReplacesDifferenceId == null ? shippedTowns.Contains(c.TownId) : c.DispatchedOn != null)
                                 join l in db.CartonLines on c.Id equals l.CartonId
                                 select l)
            .GroupBy(l => l.AgeBandId).Select(g => new { Band = g.Key, Quantity = g.Sum(l => l.Quantity) })
            .ToDictionaryAsync(x => x.Band, x => x.Quantity, ct);

        var receivedRows = hasCartons ? await received.PerBandAsync(waveId, townId, ct) : [];
        var receivedPerBand = receivedRows.GroupBy(r => r.AgeBandId).ToDictionary(g => g.Key, g => g.Sum(r => r.Received));

        var rows = await db.DistributionRows.AsNoTracking()
            .Where(r => db.DistributionReports.Any(p => p.Id == r.ReportId && p.WaveId == waveId && (townId == null || p.TownId == townId)))
            .GroupBy(r => r.AgeBandId)
            .Select(g => new { Band = g.Key, Books = g.Sum(r => r.BooksHandedOut), Children = g.Sum(r => r.ChildrenReached) })
            .ToDictionaryAsync(x => x.Band, ct);

        var dispatched = await db.Shipments.AsNoTracking().AnyAsync(s => s.WaveId == waveId && (townId == null || s.TownId == townId), ct);
        var towns = townId is null ? await db.WaveTowns.CountAsync(t => t.WaveId == waveId, ct) : 1;
        var finished = await db.DistributionReports.AsNoTracking()
            .CountAsync(p => p.WaveId == waveId && (townId == null || p.TownId == townId) && p.State == DistributionReportState.Finished, ct);

        var result = bands.Select(b => new Band(
            b.Id, $"{b.MinAge}-{b.MaxAge} ans ({b.Name})",
            allocated.GetValueOrDefault(b.Id),
            shipped.GetValueOrDefault(b.Id),
            receivedPerBand.GetValueOrDefault(b.Id),
            rows.TryGetValue(b.Id, out var r) ? r.Books : 0,
            rows.TryGetValue(b.Id, out var r2) ? r2.Children : 0)).ToList();
        return new Progress(waveId, waveName, townId, townName, result,
            cartonStates.Sum(c => c.Count),
            cartonStates.Where(c => c.Awaiting).Sum(c => c.Count),
            towns - finished, towns, dispatched);
    }
}
