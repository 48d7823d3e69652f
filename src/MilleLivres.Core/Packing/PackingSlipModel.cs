namespace MilleLivres.Core.Packing;

/// <summary>
/// Everything one town's packing slip shows, as plain values: the caller builds it from the database
/// (wave, town, allocation, cartons) and <see cref="PackingSlipLayout"/> lays it out.
/// </summary>
public sealed record PackingSlipModel(
    string WaveName,
    string TownName,
    string CiteEducative,
    string DeliveryAddress,
    string? AccessNotes,
    string CoordinatorName,
    string? CoordinatorContact,
    DateOnly Date,
    IReadOnlyList<SlipCarton> Cartons)
{
    public int TotalBooks => Cartons.Sum(c => c.Quantity);

    /// <summary>Books per age band, in band order, for the cover page.</summary>
    public IReadOnlyList<(string AgeBand, int Quantity)> BooksPerAgeBand => Cartons
        .SelectMany(c => c.Lines)
        .GroupBy(l => (l.AgeBandOrder, l.AgeBandLabel))
        .OrderBy(g => g.Key.AgeBandOrder)
        .Select(g => (g.Key.AgeBandLabel, g.Sum(l => l.Quantity)))
        .ToList();

    /// <summary>Builds the slip's cartons from planned cartons and their codes (same order).</summary>
    public static IReadOnlyList<SlipCarton> CartonsFrom(IReadOnlyList<PlannedCarton> planned, IReadOnlyList<string> codes) =>
        planned.Select((c, i) => new SlipCarton(c.Number, codes[i], c.Lines)).ToList();
}

/// <summary>One carton of the slip: its number (1..n in the town), its code, and its lines.</summary>
public sealed record SlipCarton(int Number, string Code, IReadOnlyList<BookToPack> Lines)
{
    public int Quantity => Lines.Sum(l => l.Quantity);
}
