using MilleLivres.Core.Domain;

namespace MilleLivres.Tests.Domain;

public class WaveLifeCycleTests
{
    /// <summary>The life of a wave in order; every status is reached from Planning by moving forward.</summary>
    private static readonly WaveStatus[] Path =
        [WaveStatus.Planning, WaveStatus.Allocated, WaveStatus.Packed, WaveStatus.Dispatched, WaveStatus.Delivered, WaveStatus.Closed];

    private static Wave WaveAt(WaveStatus status)
    {
        var wave = new Wave(3, "Vague 3");
        foreach (var step in Path.Skip(1).TakeWhile(s => s <= status))
        {
            wave.MoveTo(step);
        }
        Assert.Equal(status, wave.Status);
        return wave;
    }

    private static Town Lens() => new("Lens", "62498", "Pas-de-Calais", "Hauts-de-France", "", false);

    private static Town Calais() => new("Calais", "62193", "Pas-de-Calais", "Hauts-de-France", "", false);

    public static TheoryData<WaveStatus, WaveStatus> AllowedMoves => new()
    {
        { WaveStatus.Planning, WaveStatus.Allocated },
        { WaveStatus.Allocated, WaveStatus.Planning },
        { WaveStatus.Allocated, WaveStatus.Packed },
        { WaveStatus.Packed, WaveStatus.Dispatched },
        { WaveStatus.Dispatched, WaveStatus.Delivered },
        { WaveStatus.Delivered, WaveStatus.Closed },
    };

    public static TheoryData<WaveStatus, WaveStatus> RefusedMoves()
    {
        var allowed = AllowedMoves.Select(row => ((WaveStatus)row[0], (WaveStatus)row[1])).ToHashSet();
        var data = new TheoryData<WaveStatus, WaveStatus>();
        foreach (var from in Enum.GetValues<WaveStatus>())
        {
            foreach (var to in Enum.GetValues<WaveStatus>().Where(to => !allowed.Contains((from, to))))
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void A_wave_moves_to_the_next_step_or_back_from_allocated(WaveStatus from, WaveStatus to)
    {
        var wave = WaveAt(from);

        wave.MoveTo(to);

        Assert.Equal(to, wave.Status);
    }

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void Any_other_move_is_refused_in_french_and_leaves_the_status_unchanged(WaveStatus from, WaveStatus to)
    {
        var wave = WaveAt(from);

        var error = Assert.Throws<DomainException>(() => wave.MoveTo(to));

        Assert.Equal(
            $"La vague 3 ne peut pas passer de l'état « {WaveStatusText.Of(from)} » à « {WaveStatusText.Of(to)} ».",
            error.Message);
        Assert.Equal(from, wave.Status);
    }

    [Fact]
    public void Skipping_a_step_names_both_states_in_french()
    {
        var wave = WaveAt(WaveStatus.Planning);

        var error = Assert.Throws<DomainException>(() => wave.MoveTo(WaveStatus.Dispatched));

        Assert.Equal("La vague 3 ne peut pas passer de l'état « en préparation » à « expédiée ».", error.Message);
    }

    [Theory]
    [InlineData(WaveStatus.Allocated)]
    [InlineData(WaveStatus.Packed)]
    [InlineData(WaveStatus.Dispatched)]
    [InlineData(WaveStatus.Delivered)]
    [InlineData(WaveStatus.Closed)]
    public void No_town_can_be_added_once_the_wave_is_allocated(WaveStatus status)
    {
        var wave = WaveAt(status);

        var error = Assert.Throws<DomainException>(() => wave.AddTown(Lens(), null));

        Assert.Equal("La vague 3 n'est plus en préparation : on ne peut plus y ajouter de ville.", error.Message);
        Assert.Equal("TownId", error.Field);
        Assert.Empty(wave.Towns);
    }

    [Fact]
    public void A_town_can_be_added_again_once_the_allocation_is_undone()
    {
        var wave = WaveAt(WaveStatus.Planning);
        wave.AddTown(Lens(), null);
        wave.MoveTo(WaveStatus.Allocated);
        Assert.Throws<DomainException>(() => wave.AddTown(Calais(), null));

        wave.MoveTo(WaveStatus.Planning);
        var link = wave.AddTown(Calais(), null);

        Assert.Equal("Calais", link.Town.Name);
        Assert.Equal(["Lens", "Calais"], wave.Towns.Select(t => t.Town.Name));
        Assert.Equal(TownStatus.Selected, link.Town.Status);
    }

    [Fact]
    public void No_town_can_be_removed_once_the_wave_is_allocated()
    {
        var wave = WaveAt(WaveStatus.Planning);
        wave.AddTown(Lens(), null);
        wave.MoveTo(WaveStatus.Allocated);

        var error = Assert.Throws<DomainException>(() => wave.RemoveTown(0));

        Assert.Equal("La vague 3 n'est plus en préparation : on ne peut plus en retirer de ville.", error.Message);
        Assert.Single(wave.Towns);
    }

    [Fact]
    public void A_dispatched_wave_marked_delivered_records_its_delivery_day_and_only_from_dispatched()
    {
        var wave = WaveAt(WaveStatus.Dispatched);
        wave.MarkDelivered(new DateOnly(2020, 4, 24));
        Assert.Equal((WaveStatus.Delivered, new DateOnly(2020, 4, 24)), (wave.Status, wave.ActualDeliveryOn!.Value));

        var packed = WaveAt(WaveStatus.Packed);
        Assert.Throws<DomainException>(() => packed.MarkDelivered(new DateOnly(2020, 4, 24)));
        Assert.Null(packed.ActualDeliveryOn);
    }
}
