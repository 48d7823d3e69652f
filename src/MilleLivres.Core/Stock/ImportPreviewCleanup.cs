using MilleLivres.Core.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Stock;

/// <summary>
/// The import page keeps a previewed file in <c>data/imports/</c> until it is committed (ADR 0103). One never committed
/// would stay there forever (up to 10 MB each): a recurring job deletes those older than
/// <see cref="BackgroundJobsOptions.ImportPreviewHours"/>. A commit after that asks to choose the file again.
/// </summary>
public sealed class ImportPreviewCleanup(IOptions<DatabaseOptions> database, IOptions<BackgroundJobsOptions> jobs, TimeProvider clock, ILogger<ImportPreviewCleanup> logger)
{
    public const string FolderName = "imports";

    public static string FolderOf(DatabaseOptions database) => Path.Combine(database.ResolvedDataDirectory, FolderName);

    /// <summary>Deletes the previews last written before the limit; returns how many.</summary>
    public int DeleteExpired()
    {
        var folder = new DirectoryInfo(FolderOf(database.Value));
        if (!folder.Exists)
        {
            return 0;
        }
        var limit = clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(jobs.Value.ImportPreviewHours);
        var deleted = 0;
        foreach (var file in folder.EnumerateFiles("*.csv"))
        {
            if (file.LastWriteTimeUtc >= limit)
            {
                continue;
            }
            try
            {
                file.Delete();
                deleted++;
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Aperçu d'import {File} non supprimé.", file.Name);
            }
        }
        if (deleted > 0)
        {
            logger.LogInformation("{Count} aperçu(s) d'import non validé(s) supprimé(s) (plus de {Hours} h).", deleted, jobs.Value.ImportPreviewHours);
        }
        return deleted;
    }
}
