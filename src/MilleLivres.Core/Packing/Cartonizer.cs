namespace MilleLivres.Core.Packing;

/// <summary>
/// Copies of one title to pack for a town, with what the slip prints about it: what the allocation gives the packing
/// step (not the <see cref="Allocation.AllocationLine"/> entity, nor the allocator's <see cref="Allocation.ComputedAllocationLine"/>).
/// </summary>
public sealed record BookToPack(string Isbn, string Title, string Authors, string AgeBandLabel, int AgeBandOrder, int Quantity);

/// <summary>A carton as planned: numbered 1..n within the town, holding at most the carton capacity.</summary>
public sealed record PlannedCarton(int Number, IReadOnlyList<BookToPack> Lines)
{
    public int Quantity => Lines.Sum(l => l.Quantity);
}

/// <summary>
/// Splits one town's allocation into cartons. Rules, in order:
/// 1. as few cartons as possible (ceil(books / capacity)), so 1000 books at 40 make 25 cartons;
/// 2. an age band stays in one carton when it fits there: each band first fills whole cartons of its own, and the
///    rests (smaller than a carton) are packed whole, largest first; only if that would need an extra carton are
///    the rests poured one after the other, splitting as few as needed.
/// Within a band, titles go in title order, so the slip is easy to check. A title may be split across cartons.
/// </summary>
public static class Cartonizer
{
    public static IReadOnlyList<PlannedCarton> Split(IEnumerable<BookToPack> lines, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var bands = lines
            .Where(l => l.Quantity > 0)
            .GroupBy(l => (l.AgeBandOrder, l.AgeBandLabel))
            .OrderBy(g => g.Key.AgeBandOrder).ThenBy(g => g.Key.AgeBandLabel, StringComparer.Ordinal)
            .Select(g => MergeSameIsbn(g).OrderBy(l => l.Title, StringComparer.CurrentCulture).ThenBy(l => l.Isbn, StringComparer.Ordinal).ToList())
            .ToList();
        var total = bands.Sum(b => b.Sum(l => l.Quantity));
        if (total == 0)
        {
            return [];
        }
        var minimum = (total + capacity - 1) / capacity;

        var cartons = new List<List<BookToPack>>();
        var rests = new List<List<BookToPack>>();
        foreach (var band in bands)
        {
            var pieces = Pour(band, capacity);
            var last = pieces[^1];
            if (last.Sum(l => l.Quantity) < capacity)
            {
                pieces.RemoveAt(pieces.Count - 1);
                rests.Add(last);
            }
            cartons.AddRange(pieces);
        }

        var restBins = PackWhole(rests, capacity);
        if (cartons.Count + restBins.Count > minimum)
        {
            // Keeping every rest whole would cost an extra carton: pour them in band order instead.
            restBins = Pour(rests.SelectMany(r => r).ToList(), capacity);
        }
        cartons.AddRange(restBins);

        return cartons
            .OrderBy(c => c.Min(l => l.AgeBandOrder)).ThenBy(c => c.Max(l => l.AgeBandOrder)).ThenByDescending(c => c.Sum(l => l.Quantity))
            .Select((c, i) => new PlannedCarton(i + 1, c))
            .ToList();
    }

    private static IEnumerable<BookToPack> MergeSameIsbn(IEnumerable<BookToPack> band) =>
        band.GroupBy(l => l.Isbn).Select(g => g.First() with { Quantity = g.Sum(l => l.Quantity) });

    /// <summary>Fills cartons in order, splitting a line where a carton is full.</summary>
    private static List<List<BookToPack>> Pour(List<BookToPack> lines, int capacity)
    {
        var cartons = new List<List<BookToPack>>();
        var current = new List<BookToPack>();
        var room = capacity;
        foreach (var line in lines)
        {
            var left = line.Quantity;
            while (left > 0)
            {
                var take = Math.Min(left, room);
                current.Add(line with { Quantity = take });
                left -= take;
                room -= take;
                if (room == 0)
                {
                    cartons.Add(current);
                    current = [];
                    room = capacity;
                }
            }
        }
        if (current.Count > 0)
        {
            cartons.Add(current);
        }
        return cartons;
    }

    /// <summary>First fit, largest first: each rest goes whole into the first carton with room.</summary>
    private static List<List<BookToPack>> PackWhole(List<List<BookToPack>> rests, int capacity)
    {
        var bins = new List<(List<BookToPack> Lines, int Room)>();
        foreach (var rest in rests.OrderByDescending(r => r.Sum(l => l.Quantity)))
        {
            var size = rest.Sum(l => l.Quantity);
            var index = bins.FindIndex(b => b.Room >= size);
            if (index < 0)
            {
                bins.Add(([.. rest], capacity - size));
            }
            else
            {
                bins[index].Lines.AddRange(rest);
                bins[index] = (bins[index].Lines, bins[index].Room - size);
            }
        }
        return bins.Select(b => b.Lines.OrderBy(l => l.AgeBandOrder).ToList()).ToList();
    }
}
