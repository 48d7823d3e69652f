using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Stock;

/// <summary>
/// The import page keeps a previewed file in the database (<see cref="ImportPreviewFile"/>) until it is committed
/// (ADRs 0103, 0921), so any instance can commit what another one previewed. One never committed would stay forever
/// (up to 10 MB each): a recurring job deletes those older than <see cref="BackgroundJobsOptions.ImportPreviewHours"/>.
/// A commit after that asks to choose the file again.
/// </summary>
public sealed class ImportPreviewCleanup(
    AppDbContext db, IOptions<DatabaseOptions> database, IOptions<BackgroundJobsOptions> jobs, TimeProvider clock, ILogger<ImportPreviewCleanup> logger)
{
    /// <summary>Where versions before ADR 0921 kept the previews: files left there are deleted by age too.</summary>
    public const string LegacyFolderName = "imports";

    public static string LegacyFolderOf(DatabaseOptions database) => Path.Combine(database.ResolvedDataDirectory, LegacyFolderName);

    /// <summary>Keeps the previewed bytes under their hash (again: a second preview of the same file renews it).</summary>
    public async Task SaveAsync(string hash, byte[] content, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var renewed = await db.Set<ImportPreviewFile>().Where(f => f.Hash == hash)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CreatedAtUtc, now), ct);
        if (renewed > 0)
        {
            return;
        }
        db.Add(new ImportPreviewFile(hash, content, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is System.Data.Common.DbException inner && AppDbContext.IsUniqueViolation(inner))
        {
            // The same file previewed at the same moment elsewhere: its row holds the same bytes.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The previewed bytes, or null when the preview expired or was committed.</summary>
    public Task<byte[]?> FindAsync(string hash, CancellationToken ct = default) =>
        db.Set<ImportPreviewFile>().AsNoTracking().Where(f => f.Hash == hash).Select(f => f.Content).SingleOrDefaultAsync(ct);

    public Task DeleteAsync(string hash, CancellationToken ct = default) =>
        db.Set<ImportPreviewFile>().Where(f => f.Hash == hash).ExecuteDeleteAsync(ct);

    /// <summary>Deletes the previews last made before the limit; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct = default)
    {
        var limit = clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(jobs.Value.ImportPreviewHours);
        var deleted = await db.Set<ImportPreviewFile>().Where(f => f.CreatedAtUtc < limit).ExecuteDeleteAsync(ct);
        deleted += DeleteLegacyFiles(limit);
        if (deleted > 0)
        {
            logger.LogInformation("{Count} aperçu(s) d'import non validé(s) supprimé(s) (plus de {Hours} h).", deleted, jobs.Value.ImportPreviewHours);
        }
        return deleted;
    }

    private int DeleteLegacyFiles(DateTime limit)
    {
        var folder = new DirectoryInfo(LegacyFolderOf(database.Value));
        if (!folder.Exists)
        {
            return 0;
        }
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
        return deleted;
    }
}
