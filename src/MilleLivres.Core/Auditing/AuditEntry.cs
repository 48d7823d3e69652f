namespace MilleLivres.Core.Auditing;

/// <summary>Who changed what, and when. Written in the same transaction as the change.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = string.Empty;
    /// <summary>Added, Modified or Deleted.</summary>
    public string Action { get; set; } = string.Empty;
    public string EntityType { get; set; } = string.Empty;
    public string EntityId { get; set; } = string.Empty;
    /// <summary>JSON object: property → value (added), [old, new] (modified) or old value (deleted).</summary>
    public string Changes { get; set; } = "{}";
}
