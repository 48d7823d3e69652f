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
