using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using MilleLivres.Core.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Infrastructure;

/// <summary>
/// The whole app on a real SQLite file in a fresh temporary folder, seeded with the demo data.
/// One instance per test class (IClassFixture) keeps classes independent; tests inside a class share it.
/// </summary>
/// <remarks>
/// Migrating and seeding a database costs more than starting the host, so it is done once per test process: the first
/// <see cref="SeededAsync"/> builds a migrated, seeded template file, and every later seeded host starts on a copy of it
/// (<see cref="SeededDatabase"/>). Each host still has its own file; nothing is shared while hosts run.
/// </remarks>
public class AppFactory : WebApplicationFactory<MilleLivres.Web.Program>
{
    static AppFactory()
    {
        // Each host would watch appsettings.json and wwwroot through inotify, and the machine's limit (128 instances
        // per user) is shared by every process of the user: with other suites running, hosts failed to start. Test
        // hosts need no reload: configuration is not watched, and static files' versions are polled.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    /// <summary>PBKDF2 rounds of the test hosts' password hashes (the app's default stays Identity's 100,000).</summary>
    public const int TestPasswordIterations = 1000;

    private bool _hostBuilding;
    private string? _startFromTemplate;

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

    /// <summary>
    /// The settings every test host gets. Hangfire looks for due scheduled jobs every 15 s by default; a test waiting
    /// for a retry would wait for that poll, so test hosts look every second.
    /// </summary>
    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = DataDirectory,
            ["Database:ConnectionString"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
            // Scheduled jobs fire at a wall-clock hour: off by default, so a test host alive then does not run them.
            ["PersonalData:RunDaily"] = "false",
            ["BackgroundJobs:SchedulePollingSeconds"] = "1",
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
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _hostBuilding = true;
        Directory.CreateDirectory(DataDirectory);
        var settings = Settings();
        if (_startFromTemplate is not null && string.IsNullOrEmpty(settings["Database:ConnectionString"])
            && settings["Database:DataDirectory"] is { Length: > 0 } folder)
        {
            // Only into an empty folder: a host restarted on another one's database keeps that database.
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, DatabaseOptions.DefaultFileName);
            if (!File.Exists(file))
            {
                File.Copy(_startFromTemplate, file);
            }
        }
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        // Identity's PBKDF2 (100,000 rounds of HMAC-SHA512, about 50 ms of CPU) ran at every sign-in of every test; test
        // hosts hash with TestPasswordIterations (ADR 0546). The count is written in each hash, so a hash made with
        // the default count still verifies, and the seeded template's accounts are hashed with the low one.
        builder.ConfigureTestServices(services =>
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestPasswordIterations));
    }

    /// <summary>
    /// Starts the host and makes sure the demo data is there. A host not started yet starts on a copy of the seeded
    /// template (when its folder has no database yet); the seeder then finds its data and does nothing. A host already
    /// started (or on another database) is migrated at start and seeded in place, as before.
    /// </summary>
    public async Task<AppFactory> SeededAsync()
    {
        if (!_hostBuilding && this is not TemplateMaker)
        {
            _startFromTemplate = await SeededDatabase.Value;
        }
        // Services starts the host (in-memory test server or Kestrel alike), which migrates the database.
        _ = Services;
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        return this;
    }

    /// <summary>
    /// Writes a copy of the migrated, seeded template as the database file of <paramref name="folder"/> (which must hold
    /// none), for tests that run the app's code without a host (the operator verbs) on the demo data.
    /// </summary>
    public static async Task CopySeededDatabaseToAsync(string folder)
    {
        var template = await SeededDatabase.Value;
        Directory.CreateDirectory(folder);
        File.Copy(template, Path.Combine(folder, DatabaseOptions.DefaultFileName));
    }

    /// <summary>The migrated, seeded template of this test process, made by a host of its own the first time it is asked for.</summary>
    private static readonly Lazy<Task<string>> SeededDatabase = new(MakeSeededTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private static async Task<string> MakeSeededTemplateAsync()
    {
        var template = Path.Combine(Path.GetTempPath(), "millelivres-tests", $"seeded-template-{Guid.NewGuid():N}.db");
        using (var maker = new TemplateMaker())
        {
            await maker.SeededAsync();
            // SQLite's online backup: a consistent copy whatever the host's background work is doing.
            using var source = new SqliteConnection($"Data Source={Path.Combine(maker.DataDirectory, DatabaseOptions.DefaultFileName)};Pooling=False");
            using var target = new SqliteConnection($"Data Source={template};Pooling=False");
            source.Open();
            target.Open();
            source.BackupDatabase(target);
            // The template host's data-protection key is a row of its database (ADR 0920): without this every host
            // would start with that one key, made without the settings (a certificate) a test may give its own host.
            using var keys = target.CreateCommand();
            keys.CommandText = "DELETE FROM DataProtectionKeys";
            keys.ExecuteNonQuery();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(template);
        return template;
    }

    private sealed class TemplateMaker : AppFactory;

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
