namespace MilleLivres.Core.Stock;

/// <summary>
/// A publisher's file between the import's preview and its commit, under its SHA-256: the commit imports exactly the
/// previewed bytes, whichever instance serves it (ADR 0921). Deleted by the commit, or after
/// <see cref="Options.BackgroundJobsOptions.ImportPreviewHours"/> by <see cref="ImportPreviewCleanup"/>.
/// </summary>
public class ImportPreviewFile
{
    public const int HashLength = 64;

    private ImportPreviewFile()
    {
    }

    internal ImportPreviewFile(string hash, byte[] content, DateTime createdAtUtc)
    {
        Hash = hash;
        Content = content;
        CreatedAtUtc = createdAtUtc;
    }

    public string Hash { get; private set; } = string.Empty;

    public byte[] Content { get; private set; } = [];

    /// <summary>When it was last previewed: a preview of the same file again gives it a new day.</summary>
    public DateTime CreatedAtUtc { get; internal set; }
}
