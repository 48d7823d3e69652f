using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Data;

public static class DatabaseInitializer
{
    /// <summary>
    /// Creates the database if needed, applies pending migrations, and adds the reference data every database needs
    /// (the default age bands, which staff may then change): a production database is usable without the demo.
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await EnsureReferenceDataAsync(db, ct);
    }

    /// <summary>
    /// The default age bands (3-5, 6-10, 11-14, 15-18), only into a database that has none: staff's own bands are
    /// never touched. Written through the context, so the audit trail says the system added them.
    /// </summary>
    public static async Task EnsureReferenceDataAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!await db.AgeBands.AnyAsync(ct))
        {
            db.AgeBands.AddRange(Domain.AgeBand.Defaults());
            await db.SaveChangesAsync(ct);
        }
    }
}
