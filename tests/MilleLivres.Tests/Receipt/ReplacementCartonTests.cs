using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Packing;

namespace MilleLivres.Tests.Receipt;

/// <summary>A replacement carton's own dispatch, without a database.</summary>
public class ReplacementCartonTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private static Carton NewReplacement() => Carton.Replacement(1, 2, 5, CartonCode.New(), Now, differenceId: 42);

    private static DispatchDetails Details(DateOnly? expected = null, string? carrier = " Colissimo ") =>
        new(Today, expected ?? WorkingDays.Add(Today, 3), carrier, "6A-1");

    [Fact]
    public void A_replacement_carton_is_made_waiting_for_its_own_dispatch()
    {
        var carton = NewReplacement();
        Assert.True(carton.IsReplacement);
        Assert.True(carton.AwaitsOwnDispatch);
        Assert.Equal(42, carton.ReplacesDifferenceId);
        Assert.Null(carton.DispatchedOn);
        Assert.Equal((5, 5), (carton.Number, carton.Count));
    }

    [Fact]
    public void Dispatching_a_replacement_records_days_carrier_tracking_and_who_then_a_second_dispatch_is_refused()
    {
        var carton = NewReplacement();
        carton.DispatchReplacement(Details(), slipReady: true, Today, "equipe@biblionef");
        Assert.Equal((Today, WorkingDays.Add(Today, 3), "Colissimo", "6A-1", "equipe@biblionef"),
            (carton.DispatchedOn!.Value, carton.ExpectedOn!.Value, carton.Carrier, carton.TrackingNumber, carton.DispatchedBy));
        Assert.False(carton.AwaitsOwnDispatch);
        var again = Assert.Throws<AlreadyDispatchedException>(() => carton.DispatchReplacement(Details(), true, Today, "equipe@biblionef"));
        Assert.Contains("est déjà expédié", again.Message);
    }

    [Fact]
    public void A_replacement_without_its_slip_or_with_an_expected_day_before_dispatch_does_not_leave()
    {
        var carton = NewReplacement();
        var noSlip = Assert.Throws<DispatchNotReadyException>(() => carton.DispatchReplacement(Details(), slipReady: false, Today, "equipe"));
        Assert.Contains("n'a pas encore son bordereau", noSlip.Message);
        var early = Assert.Throws<ImplausibleShipmentDateException>(() => carton.DispatchReplacement(Details(Today.AddDays(-1)), true, Today, "equipe"));
        Assert.Equal(nameof(Shipment.ExpectedOn), early.Field);
        Assert.Null(carton.DispatchedOn);
        Assert.Null(carton.Carrier);
    }

    [Fact]
    public void A_planned_carton_cannot_be_dispatched_on_its_own()
    {
        var planned = new Carton(1, 2, 1, 3, CartonCode.New(), Now);
        Assert.False(planned.IsReplacement);
        Assert.Throws<DispatchNotReadyException>(() => planned.DispatchReplacement(Details(), true, Today, "equipe"));
        Assert.Null(planned.DispatchedOn);
    }
}
