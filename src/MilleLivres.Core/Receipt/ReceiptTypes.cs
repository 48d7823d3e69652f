namespace MilleLivres.Core.Receipt;

/// <summary>Where a carton is in its receipt. <see cref="Awaiting"/> is « expédié » once its town's delivery has left.</summary>
public enum CartonReceiptState
{
    Awaiting = 0,
    Conforming = 1,
    WithDifferences = 2,
    NotReceived = 3,
}

/// <summary>Why copies of a carton line are reported: the fixed list the coordinator chooses from.</summary>
public enum DifferenceReason
{
    Missing = 0,
    Damaged = 1,
    WrongTitle = 2,
    Other = 3,
}

/// <summary>What staff did about a difference.</summary>
public enum DifferenceResolution
{
    Open = 0,
    WrittenOff = 1,
    Replaced = 2,
}

public static class ReceiptText
{
    public static string Of(CartonReceiptState state) => state switch
    {
        CartonReceiptState.Awaiting => "expédié",
        CartonReceiptState.Conforming => "reçu conforme",
        CartonReceiptState.WithDifferences => "reçu avec écarts",
        CartonReceiptState.NotReceived => "non reçu",
        _ => state.ToString(),
    };

    public static string Of(DifferenceReason reason) => reason switch
    {
        DifferenceReason.Missing => "manquant",
        DifferenceReason.Damaged => "abîmé",
        DifferenceReason.WrongTitle => "mauvais titre",
        DifferenceReason.Other => "autre",
        _ => reason.ToString(),
    };

    public static string Of(DifferenceResolution resolution) => resolution switch
    {
        DifferenceResolution.Open => "à traiter",
        DifferenceResolution.WrittenOff => "sorti du stock (perdu / abîmé en transport)",
        DifferenceResolution.Replaced => "remplacé",
        _ => resolution.ToString(),
    };
}

/// <summary>One line of a differences report: copies of a carton line that did not arrive as they should.</summary>
public sealed record DifferenceInput(int CartonLineId, int Quantity, DifferenceReason Reason, string? Comment);

/// <summary>
/// What the carton needs to know to decide on a receipt: when its cartons left (null: not dispatched), the day the
/// town says they arrived, today, who records it, and whether that person may still correct (staff always may).
/// </summary>
public sealed record ReceiptContext(
    DateOnly? DispatchedOn,
    DateOnly ReceivedOn,
    DateOnly Today,
    DateTime NowUtc,
    string By,
    bool ByStaff,
    int CoordinatorCorrectionDays);
