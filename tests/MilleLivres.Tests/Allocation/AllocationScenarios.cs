using FsCheck;
using FsCheck.Fluent;
using MilleLivres.Core.Allocation;

namespace MilleLivres.Tests.Allocation;

/// <summary>
/// A random wave: some towns with targets and wishes, some stock, a cap, maybe some neighbour fills, and the same towns
/// and stock given in another order.
/// </summary>
public sealed record AllocationScenario(
    IReadOnlyList<int> BandIds,
    IReadOnlyList<AllocationTown> Towns,
    IReadOnlyList<StockLine> Stock,
    int Cap,
    IReadOnlyList<BandFill> Fills,
    IReadOnlyList<AllocationTown> TownsReordered,
    IReadOnlyList<StockLine> StockReordered)
{
    public AllocationSettings Settings => new() { MaxCopiesPerTitle = Cap, Fills = Fills };

    public AllocationRequest Request => new(BandIds, Towns, Stock, Settings);

    public AllocationRequest ReorderedRequest => new(BandIds, TownsReordered, StockReordered, Settings);

    public override string ToString()
    {
        var towns = string.Join("; ", Towns.Select(t =>
            $"town {t.TownId} targets [{string.Join(",", BandIds.Select(t.TargetFor))}] wishes [{string.Join(",", t.WishedTitleIds)}]"));
        var stock = string.Join("; ", Stock.Select(s => $"{s.TitleId}@{s.AgeBandId}x{s.Available} {s.OldestDonationOn:MM-dd}"));
        var fills = string.Join(",", Fills.Select(f => $"{f.BandId}<-{f.FromBandId}"));
        return $"cap {Cap}; fills [{fills}]; {towns}; stock: {stock}; town order [{string.Join(",", TownsReordered.Select(t => t.TownId))}]";
    }
}

public static class AllocationScenarios
{
    public static readonly int[] BandIds = [10, 20, 30, 40];

    private static readonly BandFill[] NeighbourFills =
        [new(10, 20), new(20, 10), new(20, 30), new(30, 20), new(30, 40), new(40, 30)];

    private static Gen<StockLine> StockLineFor(int titleId) =>
        from band in Gen.Elements(BandIds)
        from available in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 8)))
        from day in Gen.Choose(0, 30)
        select new StockLine(titleId, band, available, new DateOnly(2024, 1, 1).AddDays(day));

    private static Gen<AllocationTown> TownFor(int townId, int[] titleIds) =>
        from targets in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 25))), BandIds.Length)
        from wishCount in Gen.Choose(0, 5)
        from wishes in Gen.Shuffle(titleIds.Append(99_999))
        select new AllocationTown(
            townId,
            BandIds.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => targets[x.i]),
            wishes.Take(wishCount).ToArray());

    public static Gen<AllocationScenario> Scenario(bool withFills, bool alwaysFill = false) =>
        from titleCount in Gen.Choose(0, 40)
        from titlePool in Gen.Shuffle(Enumerable.Range(1, 300))
        let titleIds = titlePool.Take(titleCount).ToArray()
        from stock in Gen.CollectToArray(titleIds, StockLineFor)
        from townCount in Gen.Choose(1, 7)
        from townPool in Gen.Shuffle(Enumerable.Range(1, 500))
        from towns in Gen.CollectToArray(townPool.Take(townCount), id => TownFor(id, titleIds))
        from cap in Gen.Choose(1, 4)
        from fills in alwaysFill
            ? Gen.NonEmptyListOf(Gen.Elements(NeighbourFills)).Select(l => l.Distinct().ToArray())
            : withFills
            ? Gen.Frequency<BandFill[]>((1, Gen.Constant(Array.Empty<BandFill>())), (2, Gen.SubListOf(NeighbourFills).SelectMany(l => Gen.Shuffle<BandFill>(l))))
            : Gen.Constant(Array.Empty<BandFill>())
        from townsReordered in Gen.Shuffle(towns)
        from stockReordered in Gen.Shuffle(stock)
        select new AllocationScenario(BandIds, towns, stock, cap, fills, townsReordered, stockReordered);
}

/// <summary>Random waves, sometimes with neighbour fills.</summary>
public static class AnyWave
{
    public static Arbitrary<AllocationScenario> Scenario() => Arb.From(AllocationScenarios.Scenario(withFills: true));
}

/// <summary>
/// Random waves with at least one neighbour fill, so fills often meet titles the town already holds in the
/// neighbouring band (the case of issue 9 point 2).
/// </summary>
public static class WithFills
{
    public static Arbitrary<AllocationScenario> Scenario() => Arb.From(AllocationScenarios.Scenario(withFills: true, alwaysFill: true));
}

/// <summary>Random waves without neighbour fills, for the rules about the order in which one band is served.</summary>
public static class WaveWithoutFills
{
    public static Arbitrary<AllocationScenario> Scenario() => Arb.From(AllocationScenarios.Scenario(withFills: false));
}
