using System.CommandLine;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.PersonalData;

namespace MilleLivres.Web.Cli;

/// <summary>
/// <c>personal-data export --email E --to FILE</c> (JSON, with the French summary printed) and
/// <c>personal-data erase --email E --reason "…"</c>: a person's requests, as on the « Données personnelles » page.
/// </summary>
public static class PersonalDataCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<TextWriter, Func<IServiceProvider, Task>, Task<int>> run)
    {
        var command = new Command("personal-data", "Données personnelles d'une personne : export ou effacement.");

        var exportEmail = new Option<string>("--email") { Description = "Adresse électronique de la personne.", Required = true };
        var to = new Option<FileInfo>("--to") { Description = "Fichier JSON à créer (jamais écrasé).", Required = true };
        var export = new Command("export", "Exporte tout ce qui est détenu sur cette adresse (JSON) et affiche le résumé en français.") { exportEmail, to };
        export.SetAction((parse, ct) => run(error, async sp =>
        {
            await DatabaseInitializer.MigrateAsync(sp.GetRequiredService<AppDbContext>(), ct);
            var target = parse.GetValue(to)!;
            if (target.Exists)
            {
                throw new DomainException($"{target.FullName} existe déjà : choisissez un autre fichier, rien n'a été écrasé.");
            }
            if (target.Directory is { Exists: false })
            {
                throw new DomainException($"Le dossier {target.Directory.FullName} n'existe pas.");
            }
            var report = await sp.GetRequiredService<PersonalDataRequests>().FindAsync(parse.GetValue(exportEmail), ct);
            if (report.IsEmpty)
            {
                throw new DomainException($"Aucune donnée personnelle n'est liée à {report.Query}.");
            }
            await File.WriteAllTextAsync(target.FullName, report.ToJson(), ct);
            await output.WriteAsync(report.ToSummaryText());
            await output.WriteLineAsync($"Export écrit : {target.FullName}");
        }));
        command.Subcommands.Add(export);

        var eraseEmail = new Option<string>("--email") { Description = "Adresse électronique de la personne.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Motif (par exemple : demande reçue le …).", Required = true };
        var erase = new Command("erase", "Efface (anonymise) tout ce qui concerne cette adresse ; les chiffres du programme restent.") { eraseEmail, reason };
        erase.SetAction((parse, ct) => run(error, async sp =>
        {
            await DatabaseInitializer.MigrateAsync(sp.GetRequiredService<AppDbContext>(), ct);
            var record = await sp.GetRequiredService<PersonalDataRequests>().EraseAsync(parse.GetValue(eraseEmail), parse.GetValue(reason), ct);
            await output.WriteLineAsync(
                $"Effacement fait : {record.Applications} candidature(s), {record.TownContacts} fiche(s) de ville, {record.Accounts} compte(s), {record.Invitations} invitation(s), {record.Mails} courriel(s).");
        }));
        command.Subcommands.Add(erase);
        return command;
    }
}
