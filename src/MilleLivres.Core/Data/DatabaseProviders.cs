using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Data;

/// <summary>
/// The one place that turns Database:Provider into EF Core options (ADR 0900). SQLite keeps its migrations in this
/// assembly (Data/Migrations); PostgreSQL's live in MilleLivres.Core.PostgreSql, loaded by name.
/// </summary>
public static class DatabaseProviders
{
    public const string PostgreSqlMigrationsAssembly = "MilleLivres.Core.PostgreSql";

    static DatabaseProviders()
    {
        // Every DateTime of the model is UTC already (…AtUtc, read from TimeProvider.GetUtcNow) or a plain date: store
        // them as "timestamp without time zone", as SQLite stores them as text, whatever their Kind (ADR 0900).
        AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, pg => pg
                .MigrationsAssembly(PostgreSqlMigrationsAssembly)
                .CommandTimeout(120)),
            // SQLite's own busy handler in place of Microsoft.Data.Sqlite's 150 ms retry sleep (ADR 0527 point 10).
            _ => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
                .AddInterceptors(SqliteBusyTimeout.Instance),
        };

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database) =>
        Configure(options, database.Provider, database.ResolvedConnectionString);

    /// <summary>Makes sure the process-wide Npgsql switches are set before any Npgsql type is used.</summary>
    public static void EnsureInitialized()
    {
        // The static constructor does the work; calling any member runs it once.
    }
}
