using MilleLivres.Core.Data;
using MilleLivres.Core.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Infrastructure;

/// <summary>
/// The whole app on a real SQLite file in a fresh temporary folder, seeded with the demo data.
/// One instance per test class (IClassFixture) keeps classes independent; tests inside a class share it.
/// </summary>
public class AppFactory : WebApplicationFactory<MilleLivres.Web.Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "millelivres-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Set (from <see cref="PostgresServer.CreateDatabaseAsync"/>) to run this host on PostgreSQL instead of its SQLite
    /// file; two hosts given the same string share one database, as two instances of the app would (ADR 0900).
    /// </summary>
    public string? PostgreSqlConnectionString { get; init; }

    /// <summary>When true, disposing the host drops its PostgreSQL database (false for a database shared by hosts).</summary>
    public bool DropsPostgreSqlDatabase { get; init; }

    /// <summary>Extra settings a derived factory or a test wants (key → value).</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:DataDirectory"] = DataDirectory,
                ["Database:ConnectionString"] = "",
                ["Logging:LogLevel:Default"] = "Warning",
                // Scheduled jobs fire at a wall-clock hour: off by default, so a test host alive then does not run them.
                ["PersonalData:RunDaily"] = "false",
            };
            if (PostgreSqlConnectionString is not null)
            {
                settings["Database:Provider"] = "PostgreSql";
                settings["Database:ConnectionString"] = PostgreSqlConnectionString;
            }
            foreach (var (key, value) in ExtraSettings)
            {
                settings[key] = value;
            }
            config.AddInMemoryCollection(settings);
        });
    }

    /// <summary>Starts the host (migrating the database) and seeds the demo data once.</summary>
    public async Task<AppFactory> SeededAsync()
    {
        // Services starts the host (in-memory test server or Kestrel alike), which migrates the database.
        _ = Services;
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        return this;
    }

    /// <summary>A fresh DbContext on the test database, for arranging and asserting.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task WithDbAsync(Func<AppDbContext, Task> action) => WithDbAsync(async db => { await action(db); return true; });

    public HttpClient CreateBrowserLikeClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (PostgreSqlConnectionString is not null && DropsPostgreSqlDatabase)
            {
                PostgresServer.DropDatabaseAsync(PostgreSqlConnectionString).GetAwaiter().GetResult();
            }
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing background thread: the OS temp cleaner takes it.
            }
        }
    }
}
