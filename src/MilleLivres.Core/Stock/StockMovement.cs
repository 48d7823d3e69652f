namespace MilleLivres.Core.Stock;

public enum StockMovementKind
{
    DonationReceived = 0,
    Adjustment = 1,
    Reserved = 2,
    Released = 3,
    Shipped = 4,

    /// <summary>
    /// Shipped copies that arrived damaged or never arrived, written off by staff (issue 14). The counters do not move
    /// (the copies left the warehouse when shipped): the row says what became of them. Quantity -n.
    /// </summary>
    LostInTransit = 5,
}

public enum AdjustmentReason
{
    InventoryCount = 0,
    Damaged = 1,
    Lost = 2,
    Other = 3,
}

/// <summary>
/// One line of the stock ledger. Rows are only ever added. <see cref="Quantity"/> is signed by its effect on the
/// counter the kind moves: donation +n (on hand), adjustment ±n (on hand), reserved +n (reserved),
/// released -n (reserved), shipped -n (on hand, and the same n leaves reserved).
/// </summary>
public class StockMovement
{
    public const int ReasonMaxLength = 500;
    public const int ReferenceMaxLength = 100;

    public long Id { get; set; }
    public int TitleId { get; set; }
    public Title Title { get; set; } = null!;
    public StockMovementKind Kind { get; set; }
    public int Quantity { get; set; }

    /// <summary>When the row was written.</summary>
    public DateTime AtUtc { get; set; }

    /// <summary>The business date (the day the donation arrived, the day of the count).</summary>
    public DateOnly OccurredOn { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
    public string? Reference { get; set; }

    /// <summary>The donating publisher, for donations.</summary>
    public string? Donor { get; set; }
    public AdjustmentReason? AdjustmentReason { get; set; }
    public int? WaveId { get; set; }
    public int? TownId { get; set; }
    public int? ImportId { get; set; }
}

public static class StockMovementText
{
    public static string Of(StockMovementKind kind) => kind switch
    {
        StockMovementKind.DonationReceived => "don reçu",
        StockMovementKind.Adjustment => "ajustement",
        StockMovementKind.Reserved => "réservation",
        StockMovementKind.Released => "libération",
        StockMovementKind.Shipped => "expédition",
        StockMovementKind.LostInTransit => "perdu / abîmé en transport",
        _ => kind.ToString(),
    };

    public static string Of(AdjustmentReason reason) => reason switch
    {
        AdjustmentReason.InventoryCount => "inventaire",
        AdjustmentReason.Damaged => "abîmé",
        AdjustmentReason.Lost => "perdu",
        _ => "autre",
    };
}
