using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MilleLivres.Core.Stock;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Benchmarks;

/// <summary>
/// 100,000 new titles from a publisher's CSV through the app's import (parse, check, preview, commit with a
/// movement per line), against the floor: a plain Microsoft.Data.Sqlite loop inserting the same title rows in one
/// transaction with one prepared command. Each iteration starts from a fresh copy of an empty migrated database.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ImportBenchmarks
{
    public const int RowCount = 100_000;

    private IReadOnlyList<BenchDatabase.Row> _rows = [];
    private Dictionary<(int, int), int> _bandOf = [];
    private byte[] _csv = [];
    private string _template = "";
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        _rows = BenchDatabase.Rows(RowCount);
        _csv = BenchDatabase.Csv(_rows);
        _template = BenchDatabase.CreateEmpty("import-template");
        using var db = BenchDatabase.Context(_template);
        var resolver = AgeBandResolver.For(db.AgeBands.AsNoTracking().ToList());
        foreach (var r in _rows)
        {
            resolver.TryResolve(r.MinAge, r.MaxAge, out var band, out _);
            _bandOf[(r.MinAge, r.MaxAge)] = band;
        }
        SqliteConnection.ClearAllPools();
    }

    [IterationSetup]
    public void FreshDatabase()
    {
        SqliteConnection.ClearAllPools();
        _file = Path.Combine(BenchDatabase.Folder, $"import-{Guid.NewGuid():N}.db");
        File.Copy(_template, _file);
    }

    [IterationCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
        File.Delete(_file + "-wal");
        File.Delete(_file + "-shm");
    }

    [Benchmark(Description = "App import (CSV -> preview -> commit, titles + movements)")]
    public async Task<int> AppImport()
    {
        await using var db = BenchDatabase.Context(_file);
        var importer = new StockImporter(db, Microsoft.Extensions.Options.Options.Create(new StockOptions { MaxImportBytes = 64L * 1024 * 1024 }), TimeProvider.System);
        var (_, result) = await importer.CommitAsync(_csv, "bench.csv", "Éditeur de test", new DateOnly(2020, 4, 27), confirmDuplicate: false);
        if (result.TitlesCreated != RowCount)
        {
            throw new InvalidOperationException($"{result.TitlesCreated} titles created");
        }
        return result.TitlesCreated;
    }

    /// <summary>For the "profile" mode only: the read-and-check half of the import.</summary>
    public async Task<int> PreviewOnly()
    {
        await using var db = BenchDatabase.Context(_file);
        var importer = new StockImporter(db, Microsoft.Extensions.Options.Options.Create(new StockOptions { MaxImportBytes = 64L * 1024 * 1024 }), TimeProvider.System);
        var preview = await importer.PreviewAsync(_csv, "bench.csv", "Éditeur de test", new DateOnly(2020, 4, 27));
        return preview.Lines.Count;
    }

    [Benchmark(Baseline = true, Description = "Plain Microsoft.Data.Sqlite loop (one prepared INSERT, one transaction)")]
    public int PlainLoop()
    {
        using var connection = new SqliteConnection(BenchDatabase.ConnectionString(_file));
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "Titles" ("Isbn", "Name", "Authors", "Publisher", "AgeBandId", "Genre", "Language", "OnHand", "Reserved", "SearchText")
            VALUES ($isbn, $name, $authors, $publisher, $band, $genre, 'français', $qty, 0, $search)
            """;
        var isbn = command.Parameters.Add("$isbn", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var authors = command.Parameters.Add("$authors", SqliteType.Text);
        var publisher = command.Parameters.Add("$publisher", SqliteType.Text);
        var band = command.Parameters.Add("$band", SqliteType.Integer);
        var genre = command.Parameters.Add("$genre", SqliteType.Text);
        var qty = command.Parameters.Add("$qty", SqliteType.Integer);
        var search = command.Parameters.Add("$search", SqliteType.Text);
        command.Prepare();
        var written = 0;
        foreach (var r in _rows)
        {
            isbn.Value = r.Isbn;
            name.Value = r.Name;
            authors.Value = r.Authors;
            publisher.Value = r.Publisher;
            band.Value = _bandOf[(r.MinAge, r.MaxAge)];
            genre.Value = r.Genre.ToString();
            qty.Value = r.Quantity;
            search.Value = r.Name;
            written += command.ExecuteNonQuery();
        }
        transaction.Commit();
        return written;
    }
}
