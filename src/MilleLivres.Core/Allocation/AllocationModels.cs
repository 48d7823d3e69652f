namespace MilleLivres.Core.Allocation;

/// <summary>
/// The free stock of one title, as the ledger sees it when the allocation is computed. A title belongs to one age band.
/// </summary>
public sealed record StockLine(int TitleId, int AgeBandId, int Available, DateOnly OldestDonationOn);

/// <summary>
/// Staff's explicit choice to fill the shortfall of <paramref name="BandId"/> with what is left in the neighbouring band
/// <paramref name="FromBandId"/>, once that band's own towns have been served.
/// </summary>
public sealed record BandFill(int BandId, int FromBandId);

public sealed record AllocationSettings
{
    public const int DefaultMaxCopiesPerTitle = 3;

    /// <summary>At most this many copies of one title go to one town (diversity first).</summary>
    public int MaxCopiesPerTitle { get; init; } = DefaultMaxCopiesPerTitle;

    /// <summary>Shortfalls to fill from a neighbouring band, applied in this order. Empty: shortfalls are only shown.</summary>
    public IReadOnlyList<BandFill> Fills { get; init; } = [];
}

/// <summary>A town to serve: its target per age band and the titles it wished for (served first).</summary>
public sealed record AllocationTown(int TownId, IReadOnlyDictionary<int, int> TargetsByBand, IReadOnlyCollection<int> WishedTitleIds)
{
    public AllocationTown(int townId, IReadOnlyDictionary<int, int> targetsByBand)
        : this(townId, targetsByBand, [])
    {
    }

    /// <summary>A town whose targets come from its quota split over the bands by the children it expects.</summary>
    public static AllocationTown WithQuota(
        int townId,
        int quota,
        IReadOnlyList<int> bandIds,
        IReadOnlyDictionary<int, int>? childrenByBand = null,
        IReadOnlyCollection<int>? wishedTitleIds = null) =>
        new(townId, QuotaSplit.Split(quota, bandIds, childrenByBand), wishedTitleIds ?? []);

    public int TargetFor(int bandId) => TargetsByBand.TryGetValue(bandId, out var target) ? target : 0;
}

/// <param name="BandIds">The wave's age bands in age order (neighbours are next to each other).</param>
public sealed record AllocationRequest(
    IReadOnlyList<int> BandIds,
    IReadOnlyList<AllocationTown> Towns,
    IReadOnlyList<StockLine> Stock,
    AllocationSettings? Settings = null);

/// <summary>
/// Copies of one title the allocator gives a town for a band: computed, not saved yet (once confirmed, each becomes an
/// <see cref="AllocationLine"/> row).
/// </summary>
/// <param name="SourceBandId">The title's own band: differs from the band it counts for when filled from a neighbour.</param>
/// <param name="Wished">The town had wished for this title.</param>
public sealed record ComputedAllocationLine(int TitleId, int Quantity, int SourceBandId, bool Wished);

public sealed record BandAllocation(int BandId, int Target, IReadOnlyList<ComputedAllocationLine> Lines)
{
    public int Allocated => Lines.Sum(l => l.Quantity);

    /// <summary>What the town does not get in this band. Never hidden: the preview shows it per town and band.</summary>
    public int Shortfall => Target - Allocated;

    public int FilledFromNeighbour => Lines.Where(l => l.SourceBandId != BandId).Sum(l => l.Quantity);
}

public sealed record TownAllocation(int TownId, IReadOnlyList<BandAllocation> Bands)
{
    public int Target => Bands.Sum(b => b.Target);
    public int Allocated => Bands.Sum(b => b.Allocated);
    public int Shortfall => Bands.Sum(b => b.Shortfall);

    public BandAllocation Band(int bandId) => Bands.Single(b => b.BandId == bandId);
}

/// <summary>Free stock of a band once the allocation is made.</summary>
public sealed record BandStockLeft(int BandId, int Titles, long Copies);

public sealed record AllocationResult(
    IReadOnlyList<TownAllocation> Towns,
    IReadOnlyList<BandStockLeft> StockLeft,
    IReadOnlyList<StockLine> Remaining)
{
    public TownAllocation Town(int townId) => Towns.Single(t => t.TownId == townId);

    /// <summary>Copies taken per title over all towns: what the ledger must reserve.</summary>
    public IReadOnlyDictionary<int, int> QuantityByTitle() => Towns
        .SelectMany(t => t.Bands)
        .SelectMany(b => b.Lines)
        .GroupBy(l => l.TitleId)
        .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
}
