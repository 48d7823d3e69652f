namespace MilleLivres.Tests.Infrastructure;

/// <summary>An <see cref="AppFactory"/> seeded with the demo data, shared by the tests of one class.</summary>
public sealed class SeededApp : IAsyncLifetime
{
    public AppFactory Factory { get; } = new();

    public Task InitializeAsync() => Factory.SeededAsync();

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The same as <see cref="SeededApp"/> on a fresh PostgreSQL database of its own (ADR 0900).</summary>
public sealed class SeededPostgresApp : IAsyncLifetime
{
    public AppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new AppFactory { PostgreSqlConnectionString = await PostgresServer.CreateDatabaseAsync(), DropsPostgreSqlDatabase = true };
        await Factory.SeededAsync();
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
