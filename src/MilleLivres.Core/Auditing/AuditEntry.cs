namespace MilleLivres.Core.Auditing;

/// <summary>Who changed what, and when. Written in the same transaction as the change.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = string.Empty;
    /// <summary>
    /// Added, Modified or Deleted for a row saved through the context; a business action otherwise
    /// (<see cref="AuditActions"/>), written once for the whole action.
    /// </summary>
    public string Action { get; set; } = string.Empty;
    public string EntityType { get; set; } = string.Empty;
    public string EntityId { get; set; } = string.Empty;

    /// <summary>The wave the entry belongs to, if any (indexed: a wave's history is an index lookup).</summary>
    public int? WaveId { get; set; }

    /// <summary>The town the entry belongs to, if any (indexed).</summary>
    public int? TownId { get; set; }
    /// <summary>JSON object: property → value (added), [old, new] (modified) or old value (deleted).</summary>
    public string Changes { get; set; } = "{}";
}

/// <summary>Business actions audited as one entry each (the rows they write stay in their own tables and the ledger).</summary>
public static class AuditActions
{
    public const string AllocationConfirmed = "Allocated";
    public const string AllocationUndone = "AllocationUndone";
    public const string AllocationEdited = "AllocationEdited";

    /// <summary>A town's cartons made for a wave (one entry for the whole set: count, books per band, codes).</summary>
    public const string CartonsMade = "CartonsMade";
}
