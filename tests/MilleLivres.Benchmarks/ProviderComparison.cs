using System.Diagnostics;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using MilleLivres.Core.Stock;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MilleLivres.Benchmarks;

/// <summary>
/// "providers [SERVER]": the same app code timed on SQLite and on PostgreSQL in one run (ADR 0900): the import of
/// 100,000 rows (preview + commit), and the confirmation of an 80-town wave over 50,000 titles. Each run gets fresh
/// databases built the same way on both; the median of the runs is printed with the ratio PostgreSQL / SQLite.
/// SERVER: an Npgsql connection string without Database (default: $MILLELIVRES_TEST_POSTGRES).
/// </summary>
public static class ProviderComparison
{
    private sealed record Database(string Name, Func<AppDbContext> Open, Func<Task> Drop);

    public static async Task RunAsync(string server, int runs)
    {
        DatabaseProviders.EnsureInitialized();
        var importCsv = BenchDatabase.Csv(BenchDatabase.Rows(ImportBenchmarks.RowCount));
        var stockCsv = BenchDatabase.Csv(BenchDatabase.Rows(50_000, seed: 11));
        var times = new Dictionary<string, List<double>>();
        void Record(string what, double ms)
        {
            (times.TryGetValue(what, out var list) ? list : times[what] = []).Add(ms);
            Console.WriteLine($"// {what}: {ms:0} ms");
        }
        for (var run = 0; run < runs; run++)
        {
            foreach (var make in new Func<Task<Database>>[] { NewSqliteAsync, () => NewPostgreSqlAsync(server) })
            {
                var db = await make();
                try
                {
                    Record($"import 100,000 rows, {db.Name}", await TimeAsync(() => ImportAsync(db, importCsv, "bench.csv")));
                }
                finally
                {
                    await db.Drop();
                }
                db = await make();
                try
                {
                    await ImportAsync(db, stockCsv, "stock.csv");
                    var waveId = await AddWaveAsync(db, towns: 80);
                    Record($"confirm 80 towns, {db.Name}", await TimeAsync(async () =>
                    {
                        await using var context = db.Open();
                        var planning = new WavePlanning(context, new StockLedger(context, TimeProvider.System),
                            Microsoft.Extensions.Options.Options.Create(new AllocationOptions()), TimeProvider.System);
                        var result = await planning.ConfirmAsync(waveId, [], acceptShortfall: true);
                        if (result.Towns.Count != 80)
                        {
                            throw new InvalidOperationException($"{result.Towns.Count} towns confirmed");
                        }
                    }));
                }
                finally
                {
                    await db.Drop();
                }
            }
        }
        Console.WriteLine();
        Console.WriteLine("| operation | SQLite (median ms) | PostgreSQL (median ms) | PostgreSQL / SQLite |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var what in new[] { "import 100,000 rows", "confirm 80 towns" })
        {
            var sqlite = Median(times[$"{what}, SQLite"]);
            var pg = Median(times[$"{what}, PostgreSQL"]);
            Console.WriteLine($"| {what} | {sqlite:0} | {pg:0} | {pg / sqlite:0.00} |");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed.TotalMilliseconds;
    }

    private static async Task ImportAsync(Database db, byte[] csv, string fileName)
    {
        await using var context = db.Open();
        var importer = new StockImporter(context, Microsoft.Extensions.Options.Options.Create(new StockOptions { MaxImportBytes = 64L * 1024 * 1024 }), TimeProvider.System);
        await importer.CommitAsync(csv, fileName, "Éditeur de test", new DateOnly(2020, 4, 27), confirmDuplicate: false);
    }

    private static async Task<int> AddWaveAsync(Database db, int towns)
    {
        var random = new Random(42);
        await using var context = db.Open();
        var bandIds = await context.AgeBands.OrderBy(b => b.SortOrder).Select(b => b.Id).ToListAsync();
        var wave = new Wave(9, "Vague de mesure");
        context.Waves.Add(wave);
        for (var i = 0; i < towns; i++)
        {
            var town = new Town($"Ville {i}", (90000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "99", "Test", string.Empty, false);
            context.Towns.Add(town);
            await context.SaveChangesAsync();
            town.SetExpectedChildren(bandIds.ToDictionary(b => b, _ => random.Next(0, 400)));
            wave.AddTown(town, null);
        }
        await context.SaveChangesAsync();
        return wave.Id;
    }

    private static Task<Database> NewSqliteAsync()
    {
        var file = BenchDatabase.CreateEmpty($"providers-{Guid.NewGuid():N}");
        return Task.FromResult(new Database("SQLite", () => BenchDatabase.Context(file), () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
            return Task.CompletedTask;
        }));
    }

    private static async Task<Database> NewPostgreSqlAsync(string server)
    {
        var name = $"bench_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        AppDbContext Open() => new((DbContextOptions<AppDbContext>)DatabaseProviders
            .Configure(new DbContextOptionsBuilder<AppDbContext>(), DatabaseProvider.PostgreSql, connectionString).Options);
        await using (var context = Open())
        {
            await DatabaseInitializer.MigrateAsync(context);
        }
        return new Database("PostgreSQL", Open, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
