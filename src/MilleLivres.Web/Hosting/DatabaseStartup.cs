using MilleLivres.Core.Data;
using MilleLivres.Core.Seeding;

namespace MilleLivres.Web.Hosting;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>In Development, seed the demo data into an empty database at start.</summary>
    public bool SeedInDevelopment { get; set; } = true;
}

/// <summary>
/// Migrates the database before the server takes requests, and in Development seeds the demo data once.
/// A hosted service rather than code in Main, so the test host runs it too.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<DemoOptions> demo, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseInitializer.MigrateAsync(db, cancellationToken);
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
