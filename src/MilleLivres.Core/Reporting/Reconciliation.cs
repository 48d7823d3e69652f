using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// The reconciliation of issue 16 (ADR 0840): per wave and age band, the chain target → allocated → shipped →
/// received → handed out, each step's difference explained by figures read on their own (shortfall accepted, not yet
/// shipped, replacement cartons, awaiting receipt, receipt differences by what staff did about them, not yet handed
/// out); and the stock per title band: donations, adjustments, shipped, on hand, reserved, available. The step figures
/// are <see cref="ProgrammeFigures"/>' (one definition each); the explanations are separate grouped queries, so a
/// chain that does not balance shows that two definitions disagree.
/// </summary>
public sealed class Reconciliation(AppDbContext db, ProgrammeFigures programme)
{
    /// <summary>One band of one scope (or the scope's total, <see cref="AgeBandId"/> null).</summary>
    public sealed record Line(
        int? AgeBandId, string Label,
        long Target, long Allocated, bool AllocationConfirmed,
        long NotYetShipped, long ReplacementsShipped, long Shipped,
        long AwaitingReceipt, long WrittenOff, long Replaced, long OpenDifferences, long Received,
        long HandedOut, long ChildrenReached)
    {
        /// <summary>Target − allocated once the allocation is confirmed (staff accepted it); nothing before.</summary>
        public long ShortfallAccepted => AllocationConfirmed ? Target - Allocated : 0;

        public long Differences => WrittenOff + Replaced + OpenDifferences;

        /// <summary>Received books that no distribution row accounts for yet.</summary>
        public long NotYetHandedOut => Received - HandedOut;

        public bool AllocatedBalances => !AllocationConfirmed || Target - ShortfallAccepted == Allocated;
        public bool ShippedBalances => Allocated - NotYetShipped + ReplacementsShipped == Shipped;
        public bool ReceivedBalances => Shipped - AwaitingReceipt - Differences == Received;
        public bool Balances => AllocatedBalances && ShippedBalances && ReceivedBalances;

        public static Line Total(IReadOnlyList<Line> bands, bool confirmed) => new(
            null, "Total", bands.Sum(b => b.Target), bands.Sum(b => b.Allocated), confirmed,
            bands.Sum(b => b.NotYetShipped), bands.Sum(b => b.ReplacementsShipped), bands.Sum(b => b.Shipped),
            bands.Sum(b => b.AwaitingReceipt), bands.Sum(b => b.WrittenOff), bands.Sum(b => b.Replaced), bands.Sum(b => b.OpenDifferences),
            bands.Sum(b => b.Received), bands.Sum(b => b.HandedOut), bands.Sum(b => b.ChildrenReached));
    }

    /// <summary>The programme (<see cref="WaveId"/> null) or one wave.</summary>
    public sealed record Scope(int? WaveId, int? Number, string Name, IReadOnlyList<Line> Bands, Line Total)
    {
        public bool Balances => Total.Balances && Bands.All(b => b.Balances);
    }

    /// <summary>Stock of the titles of one band (the title's own band): the ledger's flows and the counters they lead to.</summary>
    public sealed record StockLine(int? AgeBandId, string Label, long Donated, long Adjusted, long ShippedOut, long LostInTransit, long OnHand, long Reserved)
    {
        public long Available => OnHand - Reserved;
        public bool Balances => Donated + Adjusted - ShippedOut == OnHand;
    }

    public sealed record Result(Scope Programme, IReadOnlyList<Scope> Waves, IReadOnlyList<StockLine> Stock, StockLine StockTotal)
    {
        public bool Balances => Programme.Balances && Waves.All(w => w.Balances) && Stock.All(s => s.Balances) && StockTotal.Balances;
    }

    private sealed record Explanations(long Target, long NotYetShipped, long Replacements, long Awaiting, long WrittenOff, long Replaced, long Open);

    public async Task<Result> ComputeAsync(CancellationToken ct = default)
    {
        var figures = await programme.ComputeAsync(ct);
        var bandIds = figures.Programme.Bands.Select(b => b.AgeBandId).ToList();
        var confirmedWaves = (await db.WaveIdsWithConfirmedAllocation().ToListAsync(ct)).ToHashSet();

        var targets = await TargetsAsync(bandIds, ct);

        // Allocation of towns whose delivery has not left yet.
        var notYetShipped = await db.AllocationLines.AsNoTracking()
            .Where(l => !db.Shipments.Any(s => s.WaveId == l.WaveId && s.TownId == l.TownId))
            .GroupBy(l => new { l.WaveId, l.AgeBandId })
            .Select(g => new { g.Key.WaveId, g.Key.AgeBandId, Quantity = g.Sum(l => (long)l.Quantity) })
            .ToDictionaryAsync(x => (x.WaveId, x.AgeBandId), x => x.Quantity, ct);

        // Replacement cartons carry copies beyond the allocation (they leave on their own day).
        var replacements = await (from c in db.Cartons.AsNoTracking()
                                  where c.DispatchedOn != null
                                  join l in db.CartonLines on c.Id equals l.CartonId
                                  group l by new { c.WaveId, l.AgeBandId } into g
                                  select new { g.Key.WaveId, g.Key.AgeBandId, Quantity = g.Sum(l => (long)l.Quantity) })
            .ToDictionaryAsync(x => (x.WaveId, x.AgeBandId), x => x.Quantity, ct);

        var awaiting = await (from c in db.Cartons.AsNoTracking()
                              where c.ReceiptState == CartonReceiptState.Awaiting
                                  && (c.DispatchedOn != null || db.Shipments.Any(s => s.WaveId == c.WaveId && s.TownId == c.TownId))
                              join l in db.CartonLines on c.Id equals l.CartonId
                              group l by new { c.WaveId, l.AgeBandId } into g
                              select new { g.Key.WaveId, g.Key.AgeBandId, Quantity = g.Sum(l => (long)l.Quantity) })
            .ToDictionaryAsync(x => (x.WaveId, x.AgeBandId), x => x.Quantity, ct);

        var differences = await (from d in db.ReceiptDifferences.AsNoTracking()
                                 join c in db.Cartons on d.CartonId equals c.Id
                                 group d by new { c.WaveId, d.AgeBandId, d.Resolution } into g
                                 select new { g.Key.WaveId, g.Key.AgeBandId, g.Key.Resolution, Quantity = g.Sum(d => (long)d.Quantity) })
            .ToListAsync(ct);
        long Difference(int waveId, int bandId, DifferenceResolution resolution) =>
            differences.Where(d => d.WaveId == waveId && d.AgeBandId == bandId && d.Resolution == resolution).Sum(d => d.Quantity);

        Explanations Explain(int waveId, int bandId) => new(
            targets.GetValueOrDefault((waveId, bandId)),
            notYetShipped.GetValueOrDefault((waveId, bandId)),
            replacements.GetValueOrDefault((waveId, bandId)),
            awaiting.GetValueOrDefault((waveId, bandId)),
            Difference(waveId, bandId, DifferenceResolution.WrittenOff),
            Difference(waveId, bandId, DifferenceResolution.Replaced),
            Difference(waveId, bandId, DifferenceResolution.Open));

        static Line LineOf(ProgrammeFigures.BandFigures b, IReadOnlyList<Explanations> e, bool confirmed) => new(
            b.AgeBandId, b.Label, e.Sum(x => x.Target), b.Allocated, confirmed,
            e.Sum(x => x.NotYetShipped), e.Sum(x => x.Replacements), b.Shipped,
            e.Sum(x => x.Awaiting), e.Sum(x => x.WrittenOff), e.Sum(x => x.Replaced), e.Sum(x => x.Open), b.Received,
            b.HandedOut, b.ChildrenReached);

        var waves = new List<Scope>();
        foreach (var wave in figures.Waves)
        {
            var id = wave.WaveId!.Value;
            var confirmed = confirmedWaves.Contains(id);
            var lines = wave.Bands.Select(b => LineOf(b, [Explain(id, b.AgeBandId)], confirmed)).ToList();
            waves.Add(new Scope(id, wave.Number, wave.Name, lines, Line.Total(lines, confirmed)));
        }

        // The programme: only waves whose allocation is confirmed have a shortfall; a wave still being planned shows its
        // target, which is not yet a shortfall, so the programme's target counts confirmed waves only.
        var confirmedIds = figures.Waves.Select(w => w.WaveId!.Value).Where(confirmedWaves.Contains).ToList();
        var programmeLines = figures.Programme.Bands.Select(b => LineOf(b,
            confirmedIds.Select(w => Explain(w, b.AgeBandId)).ToList(), confirmed: true)).ToList();
        var programmeScope = new Scope(null, null, figures.Programme.Name, programmeLines, Line.Total(programmeLines, confirmed: true));

        var (stock, stockTotal) = await StockAsync(figures, ct);
        return new Result(programmeScope, waves, stock, stockTotal);
    }

    /// <summary>
    /// Each town's quota split over the bands by the children it expects (the allocator's own split, <see cref="QuotaSplit"/>),
    /// with today's quotas and counts.
    /// </summary>
    private async Task<Dictionary<(int WaveId, int AgeBandId), long>> TargetsAsync(IReadOnlyList<int> bandIds, CancellationToken ct)
    {
        var waveTowns = await db.WaveTowns.AsNoTracking().Select(wt => new { wt.WaveId, wt.TownId, wt.Town.Quota }).ToListAsync(ct);
        var children = (await db.TownChildrenCounts.AsNoTracking().Select(c => new { c.TownId, c.AgeBandId, c.Children }).ToListAsync(ct))
            .Where(c => bandIds.Contains(c.AgeBandId))
            .GroupBy(c => c.TownId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, int>)g.ToDictionary(c => c.AgeBandId, c => c.Children));
        var targets = new Dictionary<(int, int), long>();
        foreach (var wt in waveTowns)
        {
            var town = AllocationTown.WithQuota(wt.TownId, wt.Quota, bandIds, children.GetValueOrDefault(wt.TownId));
            foreach (var bandId in bandIds)
            {
                targets[(wt.WaveId, bandId)] = targets.GetValueOrDefault((wt.WaveId, bandId)) + town.TargetFor(bandId);
            }
        }
        return targets;
    }

    private async Task<(IReadOnlyList<StockLine>, StockLine)> StockAsync(ProgrammeFigures.Dashboard figures, CancellationToken ct)
    {
        var flows = await (from m in db.StockMovements.AsNoTracking()
                           join t in db.Titles on m.TitleId equals t.Id
                           group m by new { t.AgeBandId, m.Kind } into g
                           select new { g.Key.AgeBandId, g.Key.Kind, Quantity = g.Sum(m => (long)m.Quantity) })
            .ToListAsync(ct);
        long Flow(int bandId, StockMovementKind kind) => flows.Where(f => f.AgeBandId == bandId && f.Kind == kind).Sum(f => f.Quantity);

        var lines = figures.Stock.Select(s => new StockLine(s.AgeBandId, s.Label,
                Flow(s.AgeBandId, StockMovementKind.DonationReceived),
                Flow(s.AgeBandId, StockMovementKind.Adjustment),
                -Flow(s.AgeBandId, StockMovementKind.Shipped),
                -Flow(s.AgeBandId, StockMovementKind.LostInTransit),
                s.OnHand, s.Reserved))
            .ToList();
        var total = new StockLine(null, "Total", lines.Sum(l => l.Donated), lines.Sum(l => l.Adjusted), lines.Sum(l => l.ShippedOut),
            lines.Sum(l => l.LostInTransit), lines.Sum(l => l.OnHand), lines.Sum(l => l.Reserved));
        return (lines, total);
    }
}
