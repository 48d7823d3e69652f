using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Stock;

/// <summary>The "Stock" section of appsettings.json.</summary>
public sealed class StockOptions
{
    public const string Section = "Stock";

    /// <summary>Largest import file accepted, in bytes (10 MB).</summary>
    public long MaxImportBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Titles per page in the stock list.</summary>
    public int PageSize { get; set; } = 50;
}

public sealed class StockOptionsValidator : IValidateOptions<StockOptions>
{
    public ValidateOptionsResult Validate(string? name, StockOptions options)
    {
        var failures = new List<string>();
        if (options.MaxImportBytes < 1024)
        {
            failures.Add("Stock:MaxImportBytes doit valoir au moins 1024 octets.");
        }
        if (options.PageSize is < 5 or > 500)
        {
            failures.Add("Stock:PageSize doit être compris entre 5 et 500.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
