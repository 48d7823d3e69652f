using System.Text;
using MilleLivres.Core.Stock;
using MilleLivres.Web.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace MilleLivres.Tests.Stock;

/// <summary>The import-stock verb, run as the operator runs it, on its own SQLite file.</summary>
public sealed class ImportStockCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "millelivres-tests", "cli-" + Guid.NewGuid().ToString("N"));

    public ImportStockCommandTests() => Directory.CreateDirectory(_folder);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, null, output, error, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _folder,
            ["Database:ConnectionString"] = "",
        }));
        return (code, output.ToString(), error.ToString());
    }

    private string WriteFile(string name, string content, Encoding encoding)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, encoding.GetBytes(content));
        return path;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "millelivres.db")};Pooling=False");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Import_stock_dry_run_reports_and_writes_nothing_then_the_real_run_imports()
    {
        Assert.Equal(0, (await RunAsync("seed-demo")).Code);
        // seed-demo brings the demonstration stock: compare with what is there before the import.
        var titlesBefore = await ScalarAsync("SELECT COUNT(*) FROM Titles");
        var copiesBefore = await ScalarAsync("SELECT SUM(OnHand) FROM Titles");
        var (a, b) = (TestIsbns.Next(), TestIsbns.Next());
        var file = WriteFile("gallimard.csv",
            "ISBN;Titre;Auteur(s);Éditeur;Âge min;Âge max;Genre;Quantité\r\n"
            + $"{a};Le Bélier têtu;Léa Noël;Gallimard Jeunesse;3;5;album;25\r\n"
            + $"{b};Théâtre à lire;Rémi Gaëtan;Gallimard Jeunesse;11;14;théâtre;15\r\n",
            CsvText.Windows1252);

        var dry = await RunAsync("import-stock", file, "--publisher", "Gallimard Jeunesse", "--date", "2020-04-27", "--dry-run");
        Assert.Equal(0, dry.Code);
        Assert.Contains("2 ligne(s) valide(s) : 2 titre(s) à créer, 0 titre(s) existant(s) complété(s), 40 exemplaire(s) au total.", dry.Output);
        Assert.Contains("rien n'a été écrit", dry.Output);
        Assert.Equal(titlesBefore, await ScalarAsync("SELECT COUNT(*) FROM Titles"));

        var real = await RunAsync("import-stock", file, "--publisher", "Gallimard Jeunesse", "--date", "2020-04-27");
        Assert.Equal(0, real.Code);
        Assert.Contains("2 titre(s) créé(s), 0 complété(s), 40 exemplaire(s)", real.Output);
        Assert.Equal(copiesBefore + 40, await ScalarAsync("SELECT SUM(OnHand) FROM Titles"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM Titles WHERE Name = 'Le Bélier têtu'"));
        Assert.Equal(2, await ScalarAsync("SELECT COUNT(*) FROM StockMovements WHERE Kind = 'DonationReceived' AND ActorName LIKE 'ligne de commande%' AND TitleId IN (SELECT Id FROM Titles WHERE Publisher = 'Gallimard Jeunesse')"));

        var again = await RunAsync("import-stock", file, "--publisher", "Gallimard Jeunesse", "--date", "2020-04-27");
        Assert.NotEqual(0, again.Code);
        Assert.Contains("déjà été importé", again.Error);
        Assert.Equal(copiesBefore + 40, await ScalarAsync("SELECT SUM(OnHand) FROM Titles"));
    }

    [Fact]
    public async Task Import_stock_exits_non_zero_and_lists_each_invalid_line()
    {
        Assert.Equal(0, (await RunAsync("seed-demo")).Code);
        var titlesBefore = await ScalarAsync("SELECT COUNT(*) FROM Titles");
        var file = WriteFile("mauvais.csv",
            "isbn,title,band,quantity\n" + $"{TestIsbns.Next()},Bon,6-10 ans,3\n" + "9782070612759,Mauvais,6-10 ans,3\n" + $"{TestIsbns.Next()},Zéro,6-10 ans,0\n",
            new UTF8Encoding(true));

        var result = await RunAsync("import-stock", file, "--publisher", "Nathan", "--date", "2020-05-04");
        Assert.Equal(1, result.Code);
        Assert.Contains("ligne 3 : ISBN « 9782070612759 » refusé : la clé de contrôle devrait être 8 et non 9", result.Output);
        Assert.Contains("ligne 4 : Quantité « 0 » invalide", result.Output);
        Assert.Contains("rien n'a été importé", result.Error);
        Assert.Equal(titlesBefore, await ScalarAsync("SELECT COUNT(*) FROM Titles"));
    }

    [Fact]
    public async Task Import_stock_refuses_a_badly_written_date()
    {
        var file = WriteFile("x.csv", "isbn;quantité\n", Encoding.UTF8);
        var result = await RunAsync("import-stock", file, "--publisher", "Nathan", "--date", "27/04/2020");
        Assert.Equal(1, result.Code);
        Assert.Contains("Date « 27/04/2020 » invalide : écrivez-la AAAA-MM-JJ", result.Error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
