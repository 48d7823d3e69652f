using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Domain;

public class MigrationTests
{
    [Fact]
    public void The_committed_migrations_match_the_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: run `bash scripts/add-migration.sh <Name>` (both providers).");
    }

    [Fact]
    public void The_committed_postgresql_migrations_match_the_postgresql_model()
    {
        var options = DatabaseProviders.Configure(new DbContextOptionsBuilder<AppDbContext>(), DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=model_only");
        using var db = new AppDbContext((DbContextOptions<AppDbContext>)options.Options);
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: run `bash scripts/add-migration.sh <Name>` (both providers).");
    }

    [Fact]
    public async Task The_postgresql_migrations_build_a_database_with_the_trigram_search_index()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync();
        try
        {
            var options = DatabaseProviders.Configure(new DbContextOptionsBuilder<AppDbContext>(), DatabaseProvider.PostgreSql, connectionString);
            await using var db = new AppDbContext((DbContextOptions<AppDbContext>)options.Options);
            await DatabaseInitializer.MigrateAsync(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(4, await db.AgeBands.CountAsync());
            var index = await db.Database.SqlQueryRaw<string>(
                "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = 'IX_Titles_SearchText_Trigram'").SingleAsync();
            Assert.Contains("gin_trgm_ops", index, StringComparison.Ordinal);
            // A check constraint written with bare column names holds on PostgreSQL too.
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
                db.Database.ExecuteSqlRawAsync("UPDATE \"AgeBands\" SET \"MinAge\" = 2"));
            Assert.Equal("CK_AgeBand_Ages", refused.ConstraintName);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
