using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Stock;

/// <summary>A committed CSV import: one row per file, so the same file is recognised when it comes back.</summary>
public class StockImport : IAudited
{
    public int Id { get; set; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public string FileHash { get; set; } = string.Empty;
    public string FileName { get; set; } = string.Empty;
    public string Publisher { get; set; } = string.Empty;
    public DateOnly ReceivedOn { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = string.Empty;
    public int Lines { get; set; }
    public int TitlesCreated { get; set; }
    public long Copies { get; set; }
}
