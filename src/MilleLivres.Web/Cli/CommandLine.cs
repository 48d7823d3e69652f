using System.CommandLine;
using MilleLivres.Core;
using MilleLivres.Core.Accounts;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using MilleLivres.Core.Seeding;
using MilleLivres.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Cli;

/// <summary>
/// Operator verbs: <c>dotnet run --project src/MilleLivres.Web -- VERB</c>. Each exits 0 on success and
/// non-zero with a French message on standard error otherwise.
/// </summary>
public static class CommandLine
{
    public static IReadOnlyList<string> Verbs { get; } = ["migrate", "seed-demo", "create-user", "backup", "restore", "import-stock", "personal-data", CopyToPostgreSqlCommand.Verb];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Verbs.Contains(args[0]) || args[0] is "--help" or "-h" or "help");

    public static Task<int> RunAsync(string[] args, TextReader? input, TextWriter output, TextWriter error) =>
        RunAsync(args, input, output, error, configure: null);

    /// <param name="input">Standard input when it is redirected (a password piped in), otherwise null.</param>
    /// <param name="configure">Extra configuration, for tests.</param>
    internal static async Task<int> RunAsync(string[] args, TextReader? input, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure)
    {
        if (args is ["help", ..])
        {
            args = ["--help"];
        }
        var root = new RootCommand("MilleLivres : commandes d'exploitation.");

        var migrate = new Command("migrate", "Crée la base de données si besoin et applique les migrations.");
        migrate.SetAction((_, ct) => Run(error, configure, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await DatabaseInitializer.MigrateAsync(db, ct);
            await output.WriteLineAsync($"Base de données à jour ({Describe(sp)}).");
        }));
        root.Subcommands.Add(migrate);

        var seed = new Command("seed-demo", "Ajoute les données de démonstration (villes des vagues 1 et 2, comptes de démonstration).");
        seed.SetAction((_, ct) => Run(error, configure, async sp =>
        {
            await DatabaseInitializer.MigrateAsync(sp.GetRequiredService<AppDbContext>(), ct);
            var seeded = await sp.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            var copies = await sp.GetRequiredService<DemoStockSeeder>().SeedAsync(ct);
            await output.WriteLineAsync(seeded
                ? "Données de démonstration créées."
                : "La base contient déjà des vagues : rien n'a été ajouté.");
            if (seeded)
            {
                foreach (var account in DemoSeeder.Accounts)
                {
                    await output.WriteLineAsync($"  {account.Email} ({account.Description}) — mot de passe : {DemoSeeder.DemoPassword}");
                }
            }
            if (copies > 0)
            {
                await output.WriteLineAsync($"Stock de démonstration : {copies} exemplaires ajoutés.");
            }
        }));
        root.Subcommands.Add(seed);

        var email = new Option<string>("--email") { Description = "Adresse électronique (identifiant de connexion).", Required = true };
        var role = new Option<string>("--role") { Description = "Staff (équipe Biblionef) ou Coordinator (coordination d'une Cité éducative).", Required = true };
        role.AcceptOnlyFromAmong(Roles.Staff, Roles.Coordinator);
        var towns = new Option<string[]>("--town") { Description = "Code INSEE d'une ville coordonnée (à répéter).", Arity = ArgumentArity.ZeroOrMore };
        var name = new Option<string?>("--name") { Description = "Nom affiché." };
        var createUser = new Command("create-user", "Crée un compte. Le mot de passe est lu sur l'entrée standard, ou généré et affiché une seule fois.")
        {
            email, role, towns, name,
        };
        createUser.SetAction((parse, ct) => Run(error, configure, async sp =>
        {
            await DatabaseInitializer.MigrateAsync(sp.GetRequiredService<AppDbContext>(), ct);
            string? password = null;
            if (input is not null)
            {
                password = (await input.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
                if (string.IsNullOrEmpty(password))
                {
                    password = null;
                }
            }
            var created = await sp.GetRequiredService<UserAccounts>().CreateAsync(
                parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(towns) ?? [], password, parse.GetValue(name));
            await output.WriteLineAsync($"Compte créé : {created.Email} ({Roles.French(created.Role)}).");
            if (created.GeneratedPassword is not null)
            {
                await output.WriteLineAsync($"Mot de passe généré (affiché une seule fois) : {created.GeneratedPassword}");
            }
        }));
        root.Subcommands.Add(createUser);

        var to = new Option<FileInfo>("--to") { Description = "Fichier de sauvegarde à créer.", Required = true };
        var backup = new Command("backup", "Sauvegarde la base SQLite (cohérente même pendant que l'application tourne).") { to };
        backup.SetAction((parse, ct) => Run(error, configure, async sp =>
        {
            var target = parse.GetValue(to)!;
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            await Backup.RunAsync(options, target, ct);
            await output.WriteLineAsync($"Sauvegarde écrite : {target.FullName} ({target.Length} octets).");
        }));
        root.Subcommands.Add(backup);

        var from = new Option<FileInfo>("--from") { Description = "Fichier de sauvegarde à restaurer.", Required = true };
        var restore = new Command("restore", "Restaure une sauvegarde dans un dossier de données vide (n'écrase jamais une base).") { from };
        restore.SetAction((parse, ct) => Run(error, configure, async sp =>
        {
            var source = parse.GetValue(from)!;
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            await Restore.RunAsync(options, source, ct);
            await output.WriteLineAsync($"Sauvegarde restaurée dans {Describe(sp)}. Démarrez l'application (ou lancez « migrate ») pour appliquer les migrations plus récentes.");
        }));
        root.Subcommands.Add(restore);

        root.Subcommands.Add(StockImportCommand.Create(output, error, (e, action) => Run(e, configure, action)));
        root.Subcommands.Add(PersonalDataCommand.Create(output, error, (e, action) => Run(e, configure, action)));
        root.Subcommands.Add(CopyToPostgreSqlCommand.Create(output, error, (e, action) => Run(e, configure, action)));

        var parseResult = root.Parse(args);
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static async Task<int> Run(TextWriter error, Action<IConfigurationBuilder>? configure, Func<IServiceProvider, Task> action)
    {
        try
        {
            await using var services = BuildServices(configure);
            await using var scope = services.CreateAsyncScope();
            await action(scope.ServiceProvider);
            return 0;
        }
        catch (DomainException e)
        {
            await error.WriteLineAsync($"Erreur : {e.Message}");
            return 1;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync($"Configuration invalide : {string.Join(" ", e.Failures)}");
            return 2;
        }
        catch (Exception e) when (e is SqliteException or DbUpdateException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Erreur : {e.Message}");
            return 3;
        }
    }

    private static ServiceProvider BuildServices(Action<IConfigurationBuilder>? configure)
    {
        var configuration = new ConfigurationManager();
        configuration.AddAppSettings([]);
        configure?.Invoke(configuration);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddMilleLivresCore(configuration);
        services.AddSingleton<IActor>(new SystemActor($"ligne de commande ({Environment.UserName})"));
        services.AddIdentityForTools();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        // Same start-up validation as the web host.
        _ = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return provider;
    }

    private static string Describe(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return options.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(options.ResolvedConnectionString).DataSource
            : options.Provider.ToString();
    }
}
