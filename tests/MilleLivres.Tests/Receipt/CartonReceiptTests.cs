using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;

namespace MilleLivres.Tests.Receipt;

/// <summary>The carton's receipt rules, without a database.</summary>
public class CartonReceiptTests
{
    private static readonly DateOnly Dispatched = new(2026, 11, 20);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A carton of two lines (4 and 2 copies) whose line ids are set as the database would.</summary>
    private static Carton NewCarton()
    {
        var carton = new Carton(1, 2, 1, 3, CartonCode.New(), Now.AddDays(-10));
        carton.AddLine(10, 1, 4);
        carton.AddLine(11, 2, 2);
        var id = 100;
        foreach (var line in carton.Lines)
        {
            typeof(CartonLine).GetProperty(nameof(CartonLine.Id))!.SetValue(line, id++);
        }
        return carton;
    }

    private static ReceiptContext Context(DateOnly? dispatched = null, DateOnly? on = null, DateTime? now = null, bool staff = false) =>
        new(dispatched ?? Dispatched, on ?? Today, DateOnly.FromDateTime(now ?? Now), now ?? Now, staff ? "equipe@biblionef" : "coord@lens", staff, 7);

    [Fact]
    public void A_carton_whose_delivery_has_not_left_cannot_be_received()
    {
        var carton = NewCarton();
        var e = Assert.Throws<CartonNotDispatchedException>(() => carton.ConfirmReceipt(Context() with { DispatchedOn = null }));
        Assert.Contains("pas encore expédié", e.Message);
        Assert.Equal(CartonReceiptState.Awaiting, carton.ReceiptState);
        Assert.Throws<CartonNotDispatchedException>(() => carton.MarkNotReceived(Context() with { DispatchedOn = null }));
    }

    [Fact]
    public void Confirming_records_the_day_and_who_and_a_second_identical_confirmation_changes_nothing()
    {
        var carton = NewCarton();
        Assert.True(carton.ConfirmReceipt(Context(on: Today.AddDays(-1))));
        Assert.Equal(CartonReceiptState.Conforming, carton.ReceiptState);
        Assert.Equal(Today.AddDays(-1), carton.ReceivedOn);
        Assert.Equal("coord@lens", carton.ReceiptRecordedBy);
        Assert.Equal(1, carton.ReceiptRevision);

        Assert.False(carton.ConfirmReceipt(Context(on: Today.AddDays(-1), now: Now.AddMinutes(1))));
        Assert.Equal(1, carton.ReceiptRevision);
        Assert.Equal(Now, carton.ReceiptRecordedAtUtc);
    }

    [Fact]
    public void A_receipt_day_before_dispatch_or_in_the_future_is_refused()
    {
        var carton = NewCarton();
        Assert.Equal("ReceivedOn", Assert.Throws<ImplausibleReceiptDateException>(() => carton.ConfirmReceipt(Context(on: Dispatched.AddDays(-1)))).Field);
        Assert.Throws<ImplausibleReceiptDateException>(() => carton.ConfirmReceipt(Context(on: Today.AddDays(1))));
        Assert.False(carton.IsReceived);
    }

    [Fact]
    public void Differences_cannot_claim_more_copies_than_the_line_holds()
    {
        var carton = NewCarton();
        var lines = carton.Lines.ToList();
        var e = Assert.Throws<DifferenceQuantityException>(() => carton.ReportDifferences(
            [new DifferenceInput(lines[0].Id, 0, DifferenceReason.Missing, null), new DifferenceInput(lines[1].Id, 3, DifferenceReason.Damaged, null)], Context()));
        Assert.Equal("Lines[1].Quantity", e.Field);
        Assert.Contains("Au plus 2 exemplaire(s)", e.Message);
        Assert.Empty(carton.Differences);
        Assert.False(carton.IsReceived);
        Assert.Throws<DifferenceQuantityException>(() => carton.ReportDifferences([new DifferenceInput(lines[0].Id, -1, DifferenceReason.Missing, null)], Context()));
    }

    [Fact]
    public void A_report_without_any_difference_is_refused_and_a_line_of_another_carton_too()
    {
        var carton = NewCarton();
        var lines = carton.Lines.ToList();
        Assert.Throws<NoDifferenceReportedException>(() => carton.ReportDifferences(
            [new DifferenceInput(lines[0].Id, 0, DifferenceReason.Missing, "rien")], Context()));
        Assert.Throws<InvalidDifferenceException>(() => carton.ReportDifferences(
            [new DifferenceInput(999, 1, DifferenceReason.Missing, null)], Context()));
    }

    [Fact]
    public void Reported_differences_keep_reason_and_comment_and_a_new_report_replaces_them()
    {
        var carton = NewCarton();
        var lines = carton.Lines.ToList();
        Assert.True(carton.ReportDifferences(
            [new DifferenceInput(lines[0].Id, 2, DifferenceReason.Damaged, "  mouillés  "), new DifferenceInput(lines[1].Id, 0, DifferenceReason.Missing, null)], Context()));
        var d = Assert.Single(carton.Differences);
        Assert.Equal((10, 2, DifferenceReason.Damaged, "mouillés"), (d.TitleId, d.Quantity, d.Reason, d.Comment));
        Assert.Equal(CartonReceiptState.WithDifferences, carton.ReceiptState);

        Assert.False(carton.ReportDifferences([new DifferenceInput(lines[0].Id, 2, DifferenceReason.Damaged, "mouillés")], Context()));
        Assert.True(carton.ReportDifferences([new DifferenceInput(lines[1].Id, 1, DifferenceReason.WrongTitle, null)], Context()));
        Assert.Equal(11, Assert.Single(carton.Differences).TitleId);

        Assert.True(carton.ConfirmReceipt(Context()));
        Assert.Empty(carton.Differences);
    }

    [Fact]
    public void A_carton_not_received_has_every_line_missing_in_full()
    {
        var carton = NewCarton();
        Assert.True(carton.MarkNotReceived(Context()));
        Assert.Equal(CartonReceiptState.NotReceived, carton.ReceiptState);
        Assert.Equal(6, carton.Differences.Sum(d => d.Quantity));
        Assert.All(carton.Differences, d => Assert.Equal(DifferenceReason.Missing, d.Reason));
        Assert.False(carton.MarkNotReceived(Context()));
    }

    [Fact]
    public void The_coordinator_corrects_for_seven_days_then_only_staff_can()
    {
        var carton = NewCarton();
        carton.ConfirmReceipt(Context());
        Assert.True(carton.MarkNotReceived(Context(now: Now.AddDays(7))));
        var e = Assert.Throws<ReceiptCorrectionClosedException>(() => carton.ConfirmReceipt(Context(now: Now.AddDays(7).AddMinutes(1))));
        Assert.Contains("seule l'équipe Biblionef", e.Message);
        Assert.Equal(CartonReceiptState.NotReceived, carton.ReceiptState);

        Assert.True(carton.ConfirmReceipt(Context(now: Now.AddDays(30), staff: true)));
        Assert.Equal("equipe@biblionef", carton.ReceiptRecordedBy);
    }

    [Fact]
    public void Once_staff_resolved_a_difference_the_receipt_is_locked_and_the_difference_is_not_resolved_twice()
    {
        var carton = NewCarton();
        carton.ReportDifferences([new DifferenceInput(carton.Lines.First().Id, 1, DifferenceReason.Missing, null)], Context());
        var difference = Assert.Single(carton.Differences);
        difference.WriteOff("Perdu par le transporteur", Now, "equipe@biblionef");
        Assert.Equal(DifferenceResolution.WrittenOff, difference.Resolution);

        Assert.Throws<DifferenceAlreadyResolvedException>(() => difference.WriteOff("encore", Now, "equipe@biblionef"));
        Assert.Throws<DifferenceAlreadyResolvedException>(() => difference.Replace(NewCarton(), Now, "equipe@biblionef"));
        Assert.Throws<ReceiptLockedException>(() => carton.ConfirmReceipt(Context(staff: true)));
    }

    [Fact]
    public void A_write_off_needs_a_reason()
    {
        var carton = NewCarton();
        carton.MarkNotReceived(Context());
        var difference = carton.Differences.First();
        Assert.Equal("Note", Assert.Throws<MilleLivres.Core.Domain.DomainException>(() => difference.WriteOff("  ", Now, "equipe")).Field);
        Assert.True(difference.IsOpen);
    }
}
