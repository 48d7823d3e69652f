using MilleLivres.Core.Packing;

namespace MilleLivres.Tests.Packing;

public class CartonizerTests
{
    private static BookToPack Line(string isbn, int bandOrder, int quantity, string? title = null) =>
        new(isbn, title ?? $"Titre {isbn}", "Autrice", SlipBuilder.Bands[bandOrder - 1].Label, bandOrder, quantity);

    [Fact]
    public void A_thousand_books_at_forty_a_carton_make_twenty_five_full_cartons_numbered_from_one()
    {
        var lines = SlipBuilder.Books(1000);
        var cartons = Cartonizer.Split(lines, 40);
        Assert.Equal(25, cartons.Count);
        Assert.Equal(Enumerable.Range(1, 25), cartons.Select(c => c.Number));
        Assert.All(cartons, c => Assert.Equal(40, c.Quantity));
        AssertSameBooks(lines, cartons);
    }

    [Fact]
    public void Age_bands_that_fit_in_a_carton_are_not_split()
    {
        // 30 + 10 + 25 + 15 = 80 books: two cartons, and each band fits whole in one of them.
        var lines = new[]
        {
            Line("A1", 1, 20), Line("A2", 1, 10),
            Line("B1", 2, 10),
            Line("C1", 3, 5), Line("C2", 3, 20),
            Line("D1", 4, 15),
        };
        var cartons = Cartonizer.Split(lines, 40);
        Assert.Equal(2, cartons.Count);
        foreach (var band in lines.Select(l => l.AgeBandOrder).Distinct())
        {
            Assert.Single(cartons, c => c.Lines.Any(l => l.AgeBandOrder == band));
        }
        AssertSameBooks(lines, cartons);
    }

    [Fact]
    public void A_band_larger_than_a_carton_fills_whole_cartons_of_its_own_first()
    {
        var lines = Enumerable.Range(0, 50).Select(i => Line($"A{i:D2}", 1, 2)).Append(Line("B1", 2, 15)).ToList();
        var cartons = Cartonizer.Split(lines, 40);
        // 100 books of 3-5 ans and 15 of 6-10 ans: two cartons of 3-5 only, then the rest of 20 with the 15.
        Assert.Equal(3, cartons.Count);
        Assert.All(cartons.Take(2), c => Assert.True(c.Quantity == 40 && c.Lines.All(l => l.AgeBandOrder == 1)));
        Assert.Equal(35, cartons[2].Quantity);
        AssertSameBooks(lines, cartons);
    }

    [Fact]
    public void Rests_are_poured_rather_than_costing_an_extra_carton()
    {
        // Four rests of 30: keeping each whole would need four cartons; three are enough.
        var lines = Enumerable.Range(1, 4).Select(b => Line($"X{b}", b, 30)).ToList();
        var cartons = Cartonizer.Split(lines, 40);
        Assert.Equal(3, cartons.Count);
        Assert.All(cartons, c => Assert.Equal(40, c.Quantity));
        AssertSameBooks(lines, cartons);
    }

    [Fact]
    public void Any_allocation_uses_the_fewest_cartons_never_overfills_and_loses_no_book()
    {
        var random = new Random(20200427);
        for (var run = 0; run < 300; run++)
        {
            var capacity = random.Next(1, 60);
            var lines = Enumerable.Range(0, random.Next(0, 80))
                .Select(i => Line($"I{i}", random.Next(1, 5), random.Next(0, 30)))
                .ToList();
            var cartons = Cartonizer.Split(lines, capacity);
            var total = lines.Sum(l => l.Quantity);
            Assert.Equal((total + capacity - 1) / capacity, cartons.Count);
            Assert.All(cartons, c => Assert.InRange(c.Quantity, 1, capacity));
            Assert.Equal(Enumerable.Range(1, cartons.Count), cartons.Select(c => c.Number));
            AssertSameBooks(lines, cartons);
        }
    }

    [Fact]
    public void Capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cartonizer.Split([Line("A", 1, 1)], 0));
    }

    private static void AssertSameBooks(IEnumerable<BookToPack> allocated, IReadOnlyList<PlannedCarton> cartons)
    {
        var expected = allocated.Where(l => l.Quantity > 0).GroupBy(l => l.Isbn).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var packed = cartons.SelectMany(c => c.Lines).GroupBy(l => l.Isbn).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        Assert.Equal(expected.OrderBy(p => p.Key), packed.OrderBy(p => p.Key));
    }
}
