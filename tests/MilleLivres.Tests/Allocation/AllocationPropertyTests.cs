using FsCheck.Xunit;
using MilleLivres.Core.Allocation;

namespace MilleLivres.Tests.Allocation;

/// <summary>Rules that hold for any stock and any set of towns.</summary>
public class AllocationPropertyTests
{
    private const int Runs = 300;

    [Property(Arbitrary = [typeof(AnyWave)], MaxTest = Runs)]
    public void No_title_is_allocated_beyond_its_available_copies(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);

        var taken = result.QuantityByTitle();
        var left = result.Remaining.ToDictionary(r => r.TitleId, r => r.Available);
        foreach (var line in scenario.Stock)
        {
            var given = taken.GetValueOrDefault(line.TitleId);
            Assert.True(given <= line.Available, $"title {line.TitleId}: {given} given, {line.Available} available");
            Assert.Equal(line.Available, given + left.GetValueOrDefault(line.TitleId));
        }
        Assert.All(taken.Keys, titleId => Assert.Contains(scenario.Stock, s => s.TitleId == titleId));
        foreach (var band in result.StockLeft)
        {
            Assert.Equal(result.Remaining.Where(r => r.AgeBandId == band.BandId).Sum(r => r.Available), band.Copies);
        }
    }

    [Property(Arbitrary = [typeof(AnyWave)], MaxTest = Runs)]
    public void Each_town_gets_its_target_or_a_shortfall_that_the_stock_explains(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);
        var left = result.Remaining.ToDictionary(r => r.TitleId, r => r.Available);

        Assert.Equal(scenario.Towns.Select(t => t.TownId).Order(), result.Towns.Select(t => t.TownId).Order());
        foreach (var town in scenario.Towns)
        {
            var got = result.Town(town.TownId);
            var held = got.Bands.SelectMany(b => b.Lines).GroupBy(l => l.TitleId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            Assert.Equal(scenario.BandIds, got.Bands.Select(b => b.BandId));
            foreach (var band in got.Bands)
            {
                Assert.Equal(town.TargetFor(band.BandId), band.Target);
                Assert.InRange(band.Allocated, 0, band.Target);
                Assert.Equal(band.Target, band.Allocated + band.Shortfall);
                Assert.All(band.Lines, l => Assert.True(l.Quantity > 0));
                if (band.Shortfall == 0)
                {
                    continue;
                }
                // A shortfall is only allowed when every title the band could draw on is used up or capped for this town,
                // or is already on the town's line in another band (one line per town and title, issue 9 point 2).
                var sources = scenario.Fills.Where(f => f.BandId == band.BandId).Select(f => f.FromBandId).Append(band.BandId).ToHashSet();
                var heldElsewhere = got.Bands.Where(b => b.BandId != band.BandId).SelectMany(b => b.Lines).Select(l => l.TitleId).ToHashSet();
                foreach (var title in scenario.Stock.Where(s => sources.Contains(s.AgeBandId)))
                {
                    Assert.True(
                        left.GetValueOrDefault(title.TitleId) == 0 || held.GetValueOrDefault(title.TitleId) == scenario.Cap
                            || heldElsewhere.Contains(title.TitleId),
                        $"town {town.TownId} is short of {band.Shortfall} in band {band.BandId} while title {title.TitleId} still has {left.GetValueOrDefault(title.TitleId)} copies and the town holds {held.GetValueOrDefault(title.TitleId)}");
                }
            }
            Assert.Equal(got.Target, got.Allocated + got.Shortfall);
        }
    }

    [Property(Arbitrary = [typeof(AnyWave)], MaxTest = Runs)]
    public void No_town_gets_more_copies_of_a_title_than_the_cap(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);

        foreach (var town in result.Towns)
        {
            foreach (var perTitle in town.Bands.SelectMany(b => b.Lines).GroupBy(l => l.TitleId))
            {
                Assert.True(perTitle.Sum(l => l.Quantity) <= scenario.Cap, $"town {town.TownId} holds {perTitle.Sum(l => l.Quantity)} of title {perTitle.Key}, cap {scenario.Cap}");
            }
        }
    }

    [Property(Arbitrary = [typeof(AnyWave)], MaxTest = Runs)]
    public void With_any_fills_no_town_and_title_pair_appears_twice_and_the_cap_holds_across_bands(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);

        foreach (var town in result.Towns)
        {
            var lines = town.Bands.SelectMany(b => b.Lines.Select(l => (b.BandId, Line: l))).ToList();
            foreach (var perTitle in lines.GroupBy(x => x.Line.TitleId))
            {
                Assert.True(perTitle.Count() == 1,
                    $"town {town.TownId} has title {perTitle.Key} on {perTitle.Count()} lines (bands {string.Join(",", perTitle.Select(x => x.BandId))})");
                Assert.InRange(perTitle.Single().Line.Quantity, 1, scenario.Cap);
            }
        }
        // The rows the confirmation writes: unique on (town, title), as the database's unique index demands.
        var rows = result.Towns.SelectMany(t => t.Bands.SelectMany(b => b.Lines.Select(l => (t.TownId, l.TitleId)))).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Property(Arbitrary = [typeof(WithFills)], MaxTest = Runs)]
    public void Fills_chosen_by_staff_never_give_a_town_a_title_twice_across_bands(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);

        foreach (var town in result.Towns)
        {
            var titles = town.Bands.SelectMany(b => b.Lines).Select(l => l.TitleId).ToList();
            Assert.Equal(titles.Count, titles.Distinct().Count());
            Assert.All(town.Bands.SelectMany(b => b.Lines).GroupBy(l => l.TitleId), g => Assert.True(g.Sum(l => l.Quantity) <= scenario.Cap));
        }
    }

    [Property(Arbitrary = [typeof(AnyWave)], MaxTest = Runs)]
    public void Permuting_the_towns_and_the_stock_does_not_change_what_each_town_gets(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);
        var reordered = WaveAllocator.Allocate(scenario.ReorderedRequest);

        foreach (var town in scenario.Towns)
        {
            foreach (var bandId in scenario.BandIds)
            {
                var before = result.Town(town.TownId).Band(bandId);
                var after = reordered.Town(town.TownId).Band(bandId);
                Assert.Equal(before.Allocated, after.Allocated);
                Assert.Equal(before.Lines, after.Lines);
            }
        }
        Assert.Equal(result.StockLeft, reordered.StockLeft);
    }

    [Property(Arbitrary = [typeof(AnyWave)], MaxTest = Runs)]
    public void Lines_come_from_the_band_itself_or_from_a_neighbour_staff_chose(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);
        var bandOf = scenario.Stock.ToDictionary(s => s.TitleId, s => s.AgeBandId);

        foreach (var band in result.Towns.SelectMany(t => t.Bands))
        {
            foreach (var line in band.Lines)
            {
                Assert.Equal(bandOf[line.TitleId], line.SourceBandId);
                Assert.True(
                    line.SourceBandId == band.BandId || scenario.Fills.Contains(new BandFill(band.BandId, line.SourceBandId)),
                    $"band {band.BandId} got title {line.TitleId} of band {line.SourceBandId} without a fill");
            }
        }
    }

    [Property(Arbitrary = [typeof(WaveWithoutFills)], MaxTest = Runs)]
    public void A_wished_title_left_in_stock_means_the_town_was_already_full_of_wished_titles(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);
        var left = result.Remaining.ToDictionary(r => r.TitleId, r => r.Available);
        var stock = scenario.Stock.ToDictionary(s => s.TitleId);

        foreach (var town in scenario.Towns)
        {
            var got = result.Town(town.TownId);
            foreach (var wished in town.WishedTitleIds.Where(stock.ContainsKey))
            {
                var band = got.Band(stock[wished].AgeBandId);
                var held = band.Lines.Where(l => l.TitleId == wished).Sum(l => l.Quantity);
                Assert.True(held == 0 || band.Lines.Single(l => l.TitleId == wished).Wished);
                if (held < scenario.Cap && left.GetValueOrDefault(wished) > 0)
                {
                    Assert.Equal(0, band.Shortfall);
                    Assert.All(band.Lines, l => Assert.True(l.Wished, $"town {town.TownId} got unwished title {l.TitleId} before its wished title {wished}"));
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(WaveWithoutFills)], MaxTest = Runs)]
    public void A_town_gets_a_second_copy_of_a_title_only_when_no_other_title_of_the_band_is_left_for_it(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);
        var left = result.Remaining.ToDictionary(r => r.TitleId, r => r.Available);

        foreach (var town in result.Towns)
        {
            foreach (var band in town.Bands)
            {
                if (!band.Lines.Any(l => !l.Wished && l.Quantity >= 2))
                {
                    continue;
                }
                var heldTitles = band.Lines.Select(l => l.TitleId).ToHashSet();
                foreach (var title in scenario.Stock.Where(s => s.AgeBandId == band.BandId && left.GetValueOrDefault(s.TitleId) > 0))
                {
                    Assert.Contains(title.TitleId, heldTitles);
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(WaveWithoutFills)], MaxTest = Runs)]
    public void A_scarce_title_is_spread_before_any_town_gets_two_copies(AllocationScenario scenario)
    {
        var result = WaveAllocator.Allocate(scenario.Request);
        var wishedByAnyone = scenario.Towns.SelectMany(t => t.WishedTitleIds).ToHashSet();

        foreach (var title in scenario.Stock.Where(s => !wishedByAnyone.Contains(s.TitleId)))
        {
            var holders = result.Towns
                .Select(t => (Town: t, Band: t.Band(title.AgeBandId)))
                .Select(x => (x.Town.TownId, x.Band.Shortfall, Held: x.Band.Lines.Where(l => l.TitleId == title.TitleId).Sum(l => l.Quantity)))
                .ToList();
            if (holders.All(h => h.Held < 2))
            {
                continue;
            }
            // Someone got a second copy: then every town still short in that band got at least one.
            Assert.All(holders.Where(h => h.Shortfall > 0), h => Assert.True(h.Held >= 1, $"town {h.TownId} is short and has no copy of title {title.TitleId}, which another town got twice"));
        }
    }
}
