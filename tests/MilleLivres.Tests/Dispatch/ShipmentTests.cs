using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;

namespace MilleLivres.Tests.Dispatch;

public class ShipmentTests
{
    private static readonly DateOnly Friday = new(2026, 11, 27);
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private static Wave Wave(WaveStatus status)
    {
        var wave = new Wave(3, "Vague 3");
        wave.AddTown(new Town("Lens", "62498", "Pas-de-Calais", "Hauts-de-France", "", false), null);
        foreach (var next in new[] { WaveStatus.Allocated, WaveStatus.Packed, WaveStatus.Dispatched })
        {
            if (wave.Status == status)
            {
                break;
            }
            wave.MoveTo(next);
        }
        return wave;
    }

    private static DispatchDetails Details(DateOnly? expected = null, string? carrier = "Transports Dupré", string? tracking = " XY-123 ") =>
        new(Friday, expected ?? WorkingDays.Add(Friday, 3), carrier, tracking);

    [Fact]
    public void Three_working_days_after_a_friday_is_the_next_wednesday()
    {
        Assert.Equal(new DateOnly(2026, 12, 2), WorkingDays.Add(Friday, 3));
        Assert.Equal(new DateOnly(2026, 11, 26), WorkingDays.Add(new DateOnly(2026, 11, 23), 3));
        Assert.Equal(Friday, WorkingDays.Add(Friday, 0));
    }

    [Fact]
    public void A_packed_towns_dispatch_records_dates_carrier_and_trimmed_tracking()
    {
        var s = Shipment.Dispatch(Wave(WaveStatus.Packed), 0, slipReady: true, alreadyDispatched: false, Details(), Friday, Now, "equipe");
        Assert.Equal(Friday, s.DispatchedOn);
        Assert.Equal(new DateOnly(2026, 12, 2), s.ExpectedOn);
        Assert.Equal("Transports Dupré", s.Carrier);
        Assert.Equal("XY-123", s.TrackingNumber);
        Assert.False(s.IsReceived);
    }

    [Theory]
    [InlineData(WaveStatus.Planning)]
    [InlineData(WaveStatus.Allocated)]
    public void A_wave_not_packed_cannot_be_dispatched(WaveStatus status)
    {
        var e = Assert.Throws<DispatchNotReadyException>(() =>
            Shipment.Dispatch(Wave(status), 0, slipReady: true, alreadyDispatched: false, Details(), Friday, Now, "equipe"));
        Assert.Contains("colis sont prêts", e.Message);
    }

    [Fact]
    public void A_town_without_its_slip_cannot_be_dispatched()
    {
        var e = Assert.Throws<DispatchNotReadyException>(() =>
            Shipment.Dispatch(Wave(WaveStatus.Packed), 0, slipReady: false, alreadyDispatched: false, Details(), Friday, Now, "equipe"));
        Assert.Contains("bordereau de colisage de Lens n'est pas prêt", e.Message);
    }

    [Fact]
    public void A_town_cannot_be_dispatched_twice()
    {
        var e = Assert.Throws<AlreadyDispatchedException>(() =>
            Shipment.Dispatch(Wave(WaveStatus.Packed), 0, slipReady: true, alreadyDispatched: true, Details(), Friday, Now, "equipe"));
        Assert.Equal("Les cartons de Lens pour la vague 3 sont déjà expédiés.", e.Message);
        Assert.IsAssignableFrom<DomainException>(e);
    }

    [Fact]
    public void A_town_outside_the_wave_cannot_be_dispatched()
    {
        Assert.Throws<DispatchNotReadyException>(() =>
            Shipment.Dispatch(Wave(WaveStatus.Packed), 42, slipReady: true, alreadyDispatched: false, Details(), Friday, Now, "equipe"));
    }

    [Fact]
    public void An_expected_delivery_before_dispatch_or_a_far_dispatch_day_is_refused()
    {
        var e = Assert.Throws<ImplausibleShipmentDateException>(() =>
            Shipment.Dispatch(Wave(WaveStatus.Packed), 0, true, false, Details(expected: Friday.AddDays(-1)), Friday, Now, "equipe"));
        Assert.Equal(nameof(Shipment.ExpectedOn), e.Field);
        var far = Assert.Throws<ImplausibleShipmentDateException>(() =>
            Shipment.Dispatch(Wave(WaveStatus.Packed), 0, true, false, Details() with { DispatchedOn = Friday.AddYears(1), ExpectedOn = Friday.AddYears(1) }, Friday, Now, "equipe"));
        Assert.Equal(nameof(Shipment.DispatchedOn), far.Field);
    }

    [Fact]
    public void Changing_the_expected_day_keeps_the_previous_one_and_the_same_day_changes_nothing()
    {
        var s = Shipment.Dispatch(Wave(WaveStatus.Packed), 0, true, false, Details(), Friday, Now, "equipe");
        Assert.True(s.ChangeExpectedDate(new DateOnly(2026, 12, 4)));
        Assert.Equal(new DateOnly(2026, 12, 4), s.ExpectedOn);
        Assert.Equal(new DateOnly(2026, 12, 2), s.PreviousExpectedOn);
        Assert.False(s.ChangeExpectedDate(new DateOnly(2026, 12, 4)));
        Assert.Equal(new DateOnly(2026, 12, 2), s.PreviousExpectedOn);
        Assert.Throws<ImplausibleShipmentDateException>(() => s.ChangeExpectedDate(Friday.AddDays(-3)));
    }

    [Fact]
    public void After_receipt_the_expected_day_no_longer_changes()
    {
        var s = Shipment.Dispatch(Wave(WaveStatus.Packed), 0, true, false, Details(), Friday, Now, "equipe");
        s.MarkReceived(new DateOnly(2026, 12, 1));
        var e = Assert.Throws<ShipmentAlreadyReceivedException>(() => s.ChangeExpectedDate(new DateOnly(2026, 12, 10)));
        Assert.Contains("réception a été confirmée le 01/12/2026", e.Message);
    }
}
