using System.ComponentModel.DataAnnotations;

namespace MilleLivres.Core.Options;

/// <summary>The "Stock" section of appsettings.json.</summary>
public sealed class StockOptions
{
    public const string Section = "Stock";

    /// <summary>Largest import file accepted, in bytes (10 MB).</summary>
    [Range(1024, long.MaxValue, ErrorMessage = "Stock:MaxImportBytes doit valoir au moins 1024 octets.")]
    public long MaxImportBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Titles per page in the stock list.</summary>
    [Range(5, 500, ErrorMessage = "Stock:PageSize doit être compris entre 5 et 500.")]
    public int PageSize { get; set; } = 50;
}
