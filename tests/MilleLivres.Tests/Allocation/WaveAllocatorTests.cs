using MilleLivres.Core.Allocation;
using MilleLivres.Core.Domain;

namespace MilleLivres.Tests.Allocation;

public class WaveAllocatorTests
{
    private const int Little = 1;
    private const int Middle = 2;
    private const int Teen = 3;
    private static readonly int[] Bands = [Little, Middle, Teen];
    private static readonly DateOnly Day = new(2024, 3, 1);

    private static AllocationTown Town(int id, int little = 0, int middle = 0, int teen = 0, params int[] wishes) =>
        new(id, new Dictionary<int, int> { [Little] = little, [Middle] = middle, [Teen] = teen }, wishes);

    private static StockLine Title(int id, int band, int available, int daysOld = 0) => new(id, band, available, Day.AddDays(-daysOld));

    private static AllocationResult Allocate(IEnumerable<AllocationTown> towns, IEnumerable<StockLine> stock, int cap = 3, params BandFill[] fills) =>
        WaveAllocator.Allocate(new AllocationRequest(Bands, towns.ToList(), stock.ToList(), new AllocationSettings { MaxCopiesPerTitle = cap, Fills = fills }));

    private static int Held(AllocationResult result, int townId, int titleId) =>
        result.Town(townId).Bands.SelectMany(b => b.Lines).Where(l => l.TitleId == titleId).Sum(l => l.Quantity);

    [Fact]
    public void A_town_gets_one_copy_of_as_many_titles_as_possible_before_any_second_copy()
    {
        var stock = Enumerable.Range(1, 5).Select(id => Title(id, Middle, 10));

        var result = Allocate([Town(1, middle: 12)], stock);

        var lines = result.Town(1).Band(Middle).Lines;
        Assert.Equal(5, lines.Count);
        Assert.Equal(12, lines.Sum(l => l.Quantity));
        Assert.All(lines, l => Assert.InRange(l.Quantity, 2, 3));
    }

    [Fact]
    public void The_cap_per_title_leaves_a_shortfall_rather_than_a_fourth_copy()
    {
        var result = Allocate([Town(1, teen: 10)], [Title(7, Teen, 100)], cap: 3);

        var band = result.Town(1).Band(Teen);
        Assert.Equal(new ComputedAllocationLine(7, 3, Teen, false), Assert.Single(band.Lines));
        Assert.Equal(7, band.Shortfall);
        Assert.Equal(new BandStockLeft(Teen, 1, 97), result.StockLeft.Single(s => s.BandId == Teen));
    }

    [Fact]
    public void A_scarce_title_goes_to_different_towns_one_copy_each()
    {
        var towns = Enumerable.Range(1, 4).Select(id => Town(id, little: 5));

        var result = Allocate(towns, [Title(1, Little, 2)]);

        var holders = result.Towns.Where(t => Held(result, t.TownId, 1) > 0).ToList();
        Assert.Equal(2, holders.Count);
        Assert.All(holders, t => Assert.Equal(1, Held(result, t.TownId, 1)));
    }

    [Fact]
    public void Single_copies_are_shared_out_one_per_town_whatever_the_order_of_the_towns()
    {
        var towns = Enumerable.Range(1, 10).Select(id => Town(id * 7, middle: 1)).ToList();
        var stock = Enumerable.Range(100, 10).Select(id => Title(id, Middle, 1, daysOld: id)).ToList();

        var result = Allocate(towns, stock);
        var reversed = Allocate(Enumerable.Reverse(towns), Enumerable.Reverse(stock));

        Assert.All(result.Towns, t => Assert.Equal(1, t.Allocated));
        Assert.Equal(
            result.Towns.Select(t => (t.TownId, t.Band(Middle).Lines.Single().TitleId)),
            reversed.Towns.Select(t => (t.TownId, t.Band(Middle).Lines.Single().TitleId)));
    }

    [Fact]
    public void The_first_town_on_the_list_does_not_always_win_the_scarce_titles()
    {
        // Two towns wanting the same 20 single copies of which each can only take 10: the ties between them are settled
        // per title, so neither gets all the oldest ones.
        var stock = Enumerable.Range(1, 20).Select(id => Title(id, Little, 1, daysOld: 100 - id)).ToList();

        var result = Allocate([Town(1, little: 10), Town(2, little: 10)], stock);

        Assert.Equal(10, result.Town(1).Allocated);
        Assert.Equal(10, result.Town(2).Allocated);
        var oldestTen = stock.OrderBy(s => s.OldestDonationOn).Take(10).Select(s => s.TitleId).ToHashSet();
        Assert.InRange(result.Town(1).Band(Little).Lines.Count(l => oldestTen.Contains(l.TitleId)), 1, 9);
    }

    [Fact]
    public void When_stock_is_short_each_town_gets_a_share_in_proportion_to_its_target()
    {
        var stock = Enumerable.Range(1, 200).Select(id => Title(id, Middle, 1));

        var result = Allocate([Town(1, middle: 100), Town(2, middle: 300)], stock);

        Assert.Equal(50, result.Town(1).Allocated);
        Assert.Equal(150, result.Town(2).Allocated);
        Assert.Equal(50, result.Town(1).Band(Middle).Shortfall);
        Assert.Equal(150, result.Town(2).Band(Middle).Shortfall);
    }

    [Fact]
    public void A_wished_title_goes_to_the_town_that_wished_it()
    {
        var towns = Enumerable.Range(1, 6).Select(id => Town(id, teen: 3, wishes: id == 4 ? [50] : [])).ToList();
        var stock = new[] { Title(50, Teen, 1), Title(51, Teen, 30, daysOld: 10) };

        var result = Allocate(towns, stock);

        Assert.Equal(1, Held(result, 4, 50));
        var line = result.Town(4).Band(Teen).Lines.Single(l => l.TitleId == 50);
        Assert.True(line.Wished);
        Assert.All(towns.Where(t => t.TownId != 4), t => Assert.Equal(0, Held(result, t.TownId, 50)));
    }

    [Fact]
    public void Wished_titles_are_served_up_to_the_cap_before_other_titles()
    {
        var stock = new[] { Title(1, Little, 10, daysOld: 300), Title(2, Little, 10, daysOld: 200), Title(3, Little, 10) };

        var result = Allocate([Town(1, little: 4, wishes: [3])], stock, cap: 3);

        var lines = result.Town(1).Band(Little).Lines.ToDictionary(l => l.TitleId, l => l.Quantity);
        Assert.Equal(3, lines[3]);
        Assert.Equal(1, lines[1]);
        Assert.False(lines.ContainsKey(2));
    }

    [Fact]
    public void Oldest_donations_go_first()
    {
        var stock = new[] { Title(1, Middle, 5, daysOld: 10), Title(2, Middle, 5, daysOld: 400), Title(3, Middle, 5, daysOld: 90) };

        var result = Allocate([Town(1, middle: 2)], stock);

        Assert.Equal([2, 3], result.Town(1).Band(Middle).Lines.Select(l => l.TitleId).Order());
    }

    [Fact]
    public void A_shortfall_is_shown_per_town_and_band_and_not_filled_from_another_band_unless_asked()
    {
        var stock = new[] { Title(1, Little, 3), Title(2, Middle, 30) };

        var result = Allocate([Town(1, little: 4, middle: 2)], stock, cap: 3);

        Assert.Equal(1, result.Town(1).Band(Little).Shortfall);
        Assert.Equal(0, result.Town(1).Band(Middle).Shortfall);
        Assert.Equal(1, result.Town(1).Shortfall);
        Assert.Equal(new BandStockLeft(Middle, 1, 28), result.StockLeft.Single(s => s.BandId == Middle));
    }

    [Fact]
    public void Staff_can_fill_a_shortfall_from_a_neighbouring_band_after_that_band_has_served_its_own_towns()
    {
        var stock = new[] { Title(1, Little, 2), Title(2, Middle, 3), Title(3, Middle, 3), Title(4, Middle, 1) };
        var towns = new[] { Town(1, little: 4), Town(2, middle: 6) };

        var result = Allocate(towns, stock, cap: 3, new BandFill(Little, Middle));

        Assert.Equal(6, result.Town(2).Band(Middle).Allocated);
        var little = result.Town(1).Band(Little);
        Assert.Equal(3, little.Allocated);
        Assert.Equal(1, little.FilledFromNeighbour);
        // Middle served its own town first (titles 2, 3, 4, then 2, 3, then 2): one copy of title 3 was left over.
        Assert.Equal(new ComputedAllocationLine(3, 1, Middle, false), little.Lines.Single(l => l.SourceBandId == Middle));
        Assert.Equal(1, little.Shortfall);
        Assert.Empty(result.Remaining);
    }

    [Fact]
    public void Filling_from_a_band_that_is_not_a_neighbour_is_refused_in_french()
    {
        var error = Assert.Throws<DomainException>(() => Allocate([Town(1, little: 4)], [Title(1, Teen, 5)], 3, new BandFill(Little, Teen)));

        Assert.Equal("Une tranche d'âge ne peut être complétée que par une tranche d'âge voisine.", error.Message);
        Assert.Equal("Fills", error.Field);
    }

    [Fact]
    public void A_cap_below_one_is_refused_in_french()
    {
        var error = Assert.Throws<DomainException>(() => Allocate([Town(1, little: 4)], [Title(1, Little, 5)], cap: 0));

        Assert.Equal("MaxCopiesPerTitle", error.Field);
        Assert.Contains("au moins 1", error.Message);
    }

    [Fact]
    public void A_town_listed_twice_or_a_title_with_two_stock_lines_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Allocate([Town(1, little: 1), Town(1, middle: 1)], []));
        Assert.Throws<ArgumentException>(() => Allocate([Town(1, little: 1)], [Title(1, Little, 1), Title(1, Little, 2)]));
        Assert.Throws<ArgumentException>(() => Allocate([Town(1, little: 1)], [Title(1, 99, 1)]));
    }

    [Fact]
    public void A_wished_title_missing_from_stock_is_ignored()
    {
        var result = Allocate([Town(1, middle: 2, wishes: [404])], [Title(1, Middle, 5)]);

        Assert.Equal(new ComputedAllocationLine(1, 2, Middle, false), Assert.Single(result.Town(1).Band(Middle).Lines));
    }

    [Fact]
    public void Quota_targets_feed_the_allocator()
    {
        var town = AllocationTown.WithQuota(9, 1000, Bands, new Dictionary<int, int> { [Little] = 20, [Middle] = 60, [Teen] = 20 });
        var stock = Enumerable.Range(1, 300).Select(id => Title(id, Bands[id % 3], 3));

        var result = WaveAllocator.Allocate(new AllocationRequest(Bands, [town], stock.ToList()));

        Assert.Equal([200, 600, 200], result.Town(9).Bands.Select(b => b.Target));
        Assert.Equal(1000, result.Town(9).Allocated + result.Town(9).Shortfall);
        Assert.Equal(300, result.Town(9).Band(Middle).Allocated);
        Assert.Equal(300, result.Town(9).Band(Middle).Shortfall);
    }
}
