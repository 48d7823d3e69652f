using System.CommandLine;
using System.Globalization;
using MilleLivres.Core.Data;
using MilleLivres.Core.Data.Copy;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Cli;

/// <summary>
/// <c>copy-to-postgresql --to "CONNECTION STRING"</c>: moves an embedded deployment (the configured SQLite database) into
/// an empty PostgreSQL database, then checks every table's row count and the stock ledger's totals on both sides and
/// says so. Exits 1 when the target is not empty, on any difference, or on any other refusal (ADR 0922).
/// </summary>
public static class CopyToPostgreSqlCommand
{
    public const string Verb = "copy-to-postgresql";

    public static Command Create(TextWriter output, TextWriter error, Func<TextWriter, Func<IServiceProvider, Task>, Task<int>> run)
    {
        var to = new Option<string>("--to") { Description = "Chaîne de connexion de la base PostgreSQL cible, qui doit être vide.", Required = true };
        var command = new Command(Verb, "Copie la base SQLite dans une base PostgreSQL vide, puis vérifie le nombre de lignes de chaque table et les totaux du registre du stock.")
        {
            to,
        };
        command.SetAction((parse, ct) => run(error, async sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (options.Provider != DatabaseProvider.Sqlite)
            {
                throw new DomainException("La base configurée n'est pas SQLite : il n'y a rien à copier (Database:Provider).");
            }
            var file = new SqliteConnectionStringBuilder(options.ResolvedConnectionString).DataSource;
            if (!File.Exists(file))
            {
                throw new DomainException($"Aucune base SQLite à copier : {file} n'existe pas.");
            }
            var source = sp.GetRequiredService<AppDbContext>();
            if ((await source.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                throw new DomainException("La base SQLite n'est pas à jour : lancez d'abord « migrate », puis recommencez.");
            }

            await using var target = Target(parse.GetValue(to)!);
            var french = CultureInfo.GetCultureInfo("fr-FR");
            try
            {
                await DatabaseCopy.CopyAsync(source, target, line => output.WriteLine(line), ct);
                var check = await DatabaseCopy.CheckAsync(source, target, ct);
                foreach (var table in check.Tables.Where(t => !t.Matches))
                {
                    await error.WriteLineAsync(string.Create(french, $"Écart : table « {table.Table} » : {table.Source:N0} ligne(s) dans SQLite, {table.Target:N0} dans PostgreSQL."));
                }
                if (!check.SourceLedger.SameAs(check.TargetLedger))
                {
                    await error.WriteLineAsync($"Écart dans les totaux du registre : SQLite {check.SourceLedger.Describe()} ; PostgreSQL {check.TargetLedger.Describe()}.");
                }
                if (!check.Matches)
                {
                    throw new DomainException("La copie ne correspond pas à la base SQLite (écarts ci-dessus) : ne l'utilisez pas.");
                }
                await output.WriteLineAsync(string.Create(french,
                    $"Copie vérifiée : {check.Tables.Count} tables, {check.Rows:N0} lignes, le même nombre de lignes dans chaque table des deux côtés ; totaux du registre identiques ({check.TargetLedger.Describe()})."));
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException { InnerException: Npgsql.NpgsqlException })
            {
                throw new DomainException($"PostgreSQL a refusé la copie : {e.Message} Rien n'a été copié.");
            }
        }));
        return command;
    }

    private static AppDbContext Target(string connectionString)
    {
        try
        {
            return PostgreSqlTarget.Create(new Npgsql.NpgsqlConnectionStringBuilder(connectionString).ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new DomainException($"La chaîne de connexion PostgreSQL (--to) est invalide : {e.Message}");
        }
    }
}
