using MilleLivres.Core.Data;
using MilleLivres.Core.Seeding;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Migrates the database before the server takes requests, and in Development seeds the demo data once.
/// A hosted service rather than code in Main, so the test host runs it too.
/// </summary>
public sealed class DatabaseStartup(
    IServiceProvider services, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<DemoOptions> demo,
    Microsoft.Extensions.Options.IOptions<MilleLivres.Core.Options.DatabaseOptions> database, ILogger<DatabaseStartup> logger) : IHostedService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Another process holding the database locked (a second instance migrating, a long backup) is waited for, with a
    /// log line per try, up to Database:StartupWaitSeconds; then start-up stops with a message that says so.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(database.Value.StartupWaitSeconds);
        // Real time, whatever clock the app is given (a test's fake clock would never let the wait end).
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await InitializeAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (IsLocked(e))
            {
                var waited = started.Elapsed;
                if (waited + RetryDelay > limit)
                {
                    throw new InvalidOperationException(
                        $"La base de données est restée verrouillée par un autre processus pendant {waited.TotalSeconds:0} s : démarrage abandonné. " +
                        "Vérifiez qu'aucune autre instance ni sauvegarde ne la bloque, ou augmentez Database:StartupWaitSeconds.", e);
                }
                logger.LogWarning("La base de données est verrouillée par un autre processus (essai {Attempt}, {Error}) : nouvel essai dans {Delay} s, au plus {Limit} s en tout.",
                    attempt, e.Message, RetryDelay.TotalSeconds, limit.TotalSeconds);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>SQLITE_BUSY (5) or SQLITE_LOCKED (6), as thrown or wrapped by EF Core.</summary>
    public static bool IsLocked(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true;
            }
        }
        return false;
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseInitializer.MigrateAsync(db, cancellationToken);
        var imported = await KeyProtection.ImportKeyFilesAsync(db, database.Value.ResolvedDataDirectory, cancellationToken);
        if (imported > 0)
        {
            logger.LogInformation("{Count} clé(s) de protection des données reprise(s) du dossier des données dans la base.", imported);
        }
        if (environment.IsDevelopment() && demo.Value.SeedInDevelopment)
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            logger.LogInformation(seeded ? "Données de démonstration créées." : "Données de démonstration déjà présentes.");
            var copies = await scope.ServiceProvider.GetRequiredService<DemoStockSeeder>().SeedAsync(cancellationToken);
            if (copies > 0)
            {
                logger.LogInformation("Stock de démonstration : {Copies} exemplaires ajoutés.", copies);
            }
            // Printed for the developer, not logged: logs carry no email address, not even a demo one.
            foreach (var account in DemoSeeder.Accounts)
            {
                Console.WriteLine($"Compte de démonstration ({account.Description}) : {account.Email} / {DemoSeeder.DemoPassword}");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
