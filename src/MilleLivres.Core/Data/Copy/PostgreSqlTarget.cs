using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Data.Copy;

/// <summary>
/// The PostgreSQL database a SQLite deployment is copied into, and how its schema is made (ADR 0922): the app's own
/// context on Npgsql (the PostgreSQL-only model parts included, ADR 0900), its schema made by the PostgreSQL migrations,
/// so the copied database is exactly what the app migrates to and can be migrated further by later versions.
/// </summary>
public static class PostgreSqlTarget
{
    public static AppDbContext Create(string connectionString) =>
        new((DbContextOptions<AppDbContext>)DatabaseProviders.Configure(
            new DbContextOptionsBuilder<AppDbContext>(), DatabaseProvider.PostgreSql, connectionString).Options);

    /// <summary>Applies the PostgreSQL migrations (creating the database when missing); the migrations write no rows.</summary>
    public static Task CreateSchemaAsync(AppDbContext target, CancellationToken ct) => target.Database.MigrateAsync(ct);
}
