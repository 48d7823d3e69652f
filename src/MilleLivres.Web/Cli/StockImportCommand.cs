using System.CommandLine;
using System.Globalization;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;

namespace MilleLivres.Web.Cli;

/// <summary>
/// <c>import-stock FILE --publisher NAME --date YYYY-MM-DD [--dry-run] [--confirm-duplicate]</c>: the web import's
/// two steps in one go. Prints the preview's report; exits 1 when any row is invalid (nothing is written), when the
/// file was already imported and --confirm-duplicate is missing, or on any other refusal.
/// </summary>
public static class StockImportCommand
{
    public static Command Create(TextWriter output, TextWriter error, Func<TextWriter, Func<IServiceProvider, Task>, Task<int>> run)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Fichier CSV de l'éditeur." };
        var publisher = new Option<string>("--publisher") { Description = "Éditeur donateur.", Required = true };
        var date = new Option<string>("--date") { Description = "Date de réception, AAAA-MM-JJ.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Vérifie et affiche le rapport sans rien écrire." };
        var confirm = new Option<bool>("--confirm-duplicate") { Description = "Importe même si ce fichier a déjà été importé." };
        var command = new Command("import-stock", "Importe un fichier CSV de don d'éditeur dans le stock (tout ou rien).")
        {
            file, publisher, date, dryRun, confirm,
        };
        command.SetAction(async (parse, ct) =>
        {
            var invalid = false;
            var code = await run(error, async sp =>
            {
                await DatabaseInitializer.MigrateAsync(sp.GetRequiredService<AppDbContext>(), ct);
                var importer = sp.GetRequiredService<StockImporter>();
                var path = parse.GetValue(file)!;
                if (!path.Exists)
                {
                    throw new DomainException($"Le fichier {path.FullName} n'existe pas.");
                }
                if (path.Length > importer.MaxBytes)
                {
                    throw new DomainException($"Le fichier fait {path.Length / 1024.0 / 1024.0:0.0} Mo : la limite est de {importer.MaxBytes / 1024.0 / 1024.0:0.#} Mo. Découpez-le en plusieurs fichiers.");
                }
                var dateText = parse.GetValue(date)!;
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedOn))
                {
                    throw new DomainException($"Date « {dateText} » invalide : écrivez-la AAAA-MM-JJ, par exemple 2020-04-27.");
                }
                var content = await File.ReadAllBytesAsync(path.FullName, ct);
                var preview = await importer.PreviewAsync(content, path.Name, parse.GetValue(publisher)!, receivedOn, ct);
                foreach (var line in preview.Report())
                {
                    await output.WriteLineAsync(line);
                }
                if (!preview.IsValid)
                {
                    invalid = true;
                    await error.WriteLineAsync("Erreur : des lignes sont invalides, rien n'a été importé.");
                    return;
                }
                if (parse.GetValue(dryRun))
                {
                    await output.WriteLineAsync("Essai à blanc (--dry-run) : rien n'a été écrit.");
                    if (preview.Duplicate is not null && !parse.GetValue(confirm))
                    {
                        invalid = true;
                    }
                    return;
                }
                var (_, result) = await importer.CommitAsync(content, path.Name, parse.GetValue(publisher)!, receivedOn, parse.GetValue(confirm), ct);
                await output.WriteLineAsync($"Import n° {result.ImportId} enregistré : {result.TitlesCreated} titre(s) créé(s), {result.TitlesAddedTo} complété(s), {result.Copies} exemplaire(s).");
            });
            return code == 0 && invalid ? 1 : code;
        });
        return command;
    }
}
