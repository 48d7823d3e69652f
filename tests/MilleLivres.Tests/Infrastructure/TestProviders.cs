namespace MilleLivres.Tests.Infrastructure;

/// <summary>The database a test runs on: the tests that touch SQL run on both (ADR 0900).</summary>
public enum TestProvider
{
    Sqlite,
    PostgreSql,
}

public static class TestProviders
{
    /// <summary>A plain <see cref="AppFactory"/>: its own SQLite file, or its own PostgreSQL database (dropped with it).</summary>
    public static async Task<AppFactory> FactoryAsync(TestProvider provider) => provider == TestProvider.PostgreSql
        ? new AppFactory { PostgreSqlConnectionString = await PostgresServer.CreateDatabaseAsync(), DropsPostgreSqlDatabase = true }
        : new AppFactory();
}
