using MilleLivres.Core.Domain;

namespace MilleLivres.Tests.Domain;

public class WaveTests
{
    private static Town Lens() => new("Lens", "62498", "Pas-de-Calais", "Hauts-de-France", "", false);

    [Fact]
    public void Adding_a_town_selects_it()
    {
        var wave = new Wave(3, "Vague 3");
        var town = Lens();
        wave.AddTown(town, null);
        Assert.Single(wave.Towns);
        Assert.Equal(TownStatus.Selected, town.Status);
    }

    [Fact]
    public void A_town_cannot_be_added_twice_to_the_same_wave()
    {
        var wave = new Wave(3, "Vague 3");
        var town = Lens();
        wave.AddTown(town, null);
        var e = Assert.Throws<DomainException>(() => wave.AddTown(town, null));
        Assert.Contains("fait déjà partie de la vague 3", e.Message);
    }

    [Fact]
    public void A_town_cannot_be_in_two_open_waves()
    {
        var open = new Wave(3, "Vague 3");
        var other = new Wave(4, "Vague 4");
        var e = Assert.Throws<DomainException>(() => other.AddTown(Lens(), open));
        Assert.Contains("vague 3", e.Message);
        Assert.Empty(other.Towns);
    }

    [Fact]
    public void A_town_of_a_closed_wave_can_join_a_new_wave()
    {
        var closed = new Wave(1, "Vague 1");
        closed.RestoreHistoricalStatus(WaveStatus.Closed);
        var wave = new Wave(3, "Vague 3");
        wave.AddTown(Lens(), closed);
        Assert.Single(wave.Towns);
    }

    [Fact]
    public void Towns_cannot_be_added_or_removed_once_allocated()
    {
        var wave = new Wave(3, "Vague 3");
        var town = Lens();
        wave.AddTown(town, null);
        wave.MoveTo(WaveStatus.Allocated);
        Assert.Contains("n'est plus en préparation", Assert.Throws<DomainException>(() => wave.AddTown(new Town("Arras", "62041", "", "", "", false), null)).Message);
        Assert.Throws<DomainException>(() => wave.RemoveTown(town.Id));
        wave.MoveTo(WaveStatus.Planning);
        wave.AddTown(new Town("Arras", "62041", "", "", "", false), null);
        Assert.Equal(2, wave.Towns.Count);
    }

    [Theory]
    [InlineData(WaveStatus.Planning, WaveStatus.Packed)]
    [InlineData(WaveStatus.Planning, WaveStatus.Closed)]
    [InlineData(WaveStatus.Packed, WaveStatus.Planning)]
    public void Wrong_moves_are_refused_in_french(WaveStatus from, WaveStatus to)
    {
        var wave = new Wave(3, "Vague 3");
        wave.RestoreHistoricalStatus(from);
        var e = Assert.Throws<DomainException>(() => wave.MoveTo(to));
        Assert.Contains("ne peut pas passer de l'état", e.Message);
        Assert.Equal(from, wave.Status);
    }

    [Fact]
    public void A_wave_goes_through_its_whole_life()
    {
        var wave = new Wave(3, "Vague 3");
        foreach (var next in new[] { WaveStatus.Allocated, WaveStatus.Packed, WaveStatus.Dispatched, WaveStatus.Delivered, WaveStatus.Closed })
        {
            wave.MoveTo(next);
            Assert.Equal(next, wave.Status);
        }
        Assert.False(wave.IsOpen);
    }

    [Theory]
    [InlineData(0, "Vague", "Number")]
    [InlineData(3, "  ", "Name")]
    public void Wave_needs_a_positive_number_and_a_name(int number, string name, string field) =>
        Assert.Equal(field, Assert.Throws<DomainException>(() => new Wave(number, name)).Field);
}
