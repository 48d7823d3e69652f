using BenchmarkDotNet.Attributes;
using MilleLivres.Core.Stock;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Benchmarks;

/// <summary>The stock list page query on 50,000 titles and 500,000 movements.</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
public class StockListBenchmarks
{
    public const int Titles = 50_000;
    public const int Movements = 500_000;
    private const int PageSize = 50;
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        _file = BenchDatabase.CreateEmpty("stock-list");
        var rows = BenchDatabase.Rows(Titles, seed: 11);
        using var connection = new SqliteConnection(BenchDatabase.ConnectionString(_file));
        connection.Open();
        var bands = new Dictionary<int, int>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT \"Id\", \"MinAge\" FROM \"AgeBands\"";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                bands[reader.GetInt32(1)] = reader.GetInt32(0);
            }
        }
        int BandOf(int age) => bands[bands.Keys.Where(k => k <= age).Max()];
        using var transaction = connection.BeginTransaction();
        using var title = connection.CreateCommand();
        title.Transaction = transaction;
        title.CommandText = """
            INSERT INTO "Titles" ("Isbn", "Name", "Authors", "Publisher", "AgeBandId", "Genre", "Language", "OnHand", "Reserved", "SearchText")
            VALUES ($isbn, $name, $authors, $publisher, $band, $genre, 'français', $qty, 0, $search)
            """;
        foreach (var p in new[] { "$isbn", "$name", "$authors", "$publisher", "$band", "$genre", "$qty", "$search" })
        {
            title.Parameters.Add(new SqliteParameter { ParameterName = p });
        }
        // Ten movements per title: its donation plus nine +1/-1 adjustments that cancel out but one.
        using var movement = connection.CreateCommand();
        movement.Transaction = transaction;
        movement.CommandText = """
            INSERT INTO "StockMovements" ("TitleId", "Kind", "Quantity", "AtUtc", "OccurredOn", "ActorName", "Reason")
            VALUES ($title, $kind, $qty, '2020-04-27 10:00:00', '2020-04-27', 'bench', 'bench')
            """;
        foreach (var p in new[] { "$title", "$kind", "$qty" })
        {
            movement.Parameters.Add(new SqliteParameter { ParameterName = p });
        }
        var id = 0;
        foreach (var r in rows)
        {
            id++;
            title.Parameters["$isbn"].Value = r.Isbn;
            title.Parameters["$name"].Value = r.Name;
            title.Parameters["$authors"].Value = r.Authors;
            title.Parameters["$publisher"].Value = r.Publisher;
            title.Parameters["$band"].Value = BandOf(r.MinAge);
            title.Parameters["$genre"].Value = r.Genre.ToString();
            title.Parameters["$qty"].Value = r.Quantity + 1;
            title.Parameters["$search"].Value = Title.BuildSearchText(r.Isbn, r.Name, r.Authors, r.Publisher);
            title.ExecuteNonQuery();
            for (var m = 0; m < Movements / Titles; m++)
            {
                movement.Parameters["$title"].Value = id;
                movement.Parameters["$kind"].Value = m == 0 ? "DonationReceived" : "Adjustment";
                movement.Parameters["$qty"].Value = m == 0 ? r.Quantity : (m % 2 == 1 ? 1 : -1);
                movement.ExecuteNonQuery();
            }
        }
        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup() => SqliteConnection.ClearAllPools();

    private async Task<int> QueryAsync(StockListQuery query)
    {
        await using var db = BenchDatabase.Context(_file);
        var page = await StockList.QueryAsync(db, query, PageSize);
        return page.Rows.Count;
    }

    [Benchmark(Description = "Stock list, first page, sorted by title")]
    public Task<int> FirstPage() => QueryAsync(new StockListQuery());

    [Benchmark(Description = "Stock list, page 500, sorted by title")]
    public Task<int> DeepPage() => QueryAsync(new StockListQuery(Page: 500));

    [Benchmark(Description = "Stock list, age band + genre filter, sorted by available")]
    public Task<int> Filtered() => QueryAsync(new StockListQuery(AgeBandId: 2, Genre: Genre.Roman, Sort: StockSort.AvailableDescending));

    [Benchmark(Description = "Stock list, search 'renard' (no accent), first page")]
    public Task<int> Search() => QueryAsync(new StockListQuery(Search: "Renard"));

    /// <summary>A rare word (about ten titles): the capped count cannot stop early, every title is read (ADR 0524).</summary>
    [Benchmark(Description = "Stock list, search 'auteur 4321' (rare), first page")]
    public Task<int> SearchRare() => QueryAsync(new StockListQuery(Search: "Auteur 4321"));

    /// <summary>The search written out as a plain scan of every title (count and page): the baseline for any search index (ADR 0522).</summary>
    [Benchmark(Description = "Same search written as a plain scan of SearchText")]
    public async Task<int> SearchByScan()
    {
        await using var db = BenchDatabase.Context(_file);
        var search = StockList.NormalizeSearch("Renard");
        var titles = db.Titles.AsNoTracking().Where(t => t.SearchText.Contains(search));
        var total = await titles.CountAsync();
        var rows = await titles.OrderBy(t => t.Name).ThenBy(t => t.Id).Take(PageSize)
            .Select(t => new StockListRow(t.Id, t.Isbn, t.Name, t.Authors, t.Publisher,
                t.AgeBand.MinAge + "-" + t.AgeBand.MaxAge + " ans", t.Genre, t.OnHand, t.Reserved, t.Available))
            .ToListAsync();
        return rows.Count + total;
    }

    /// <summary>Median of <paramref name="rounds"/> timed calls of each case, the cases alternated within each round.</summary>
    public static async Task ProfileAsync(int rounds)
    {
        var bench = new StockListBenchmarks();
        bench.Setup();
        var cases = new (string Name, Func<Task<int>> Run)[]
        {
            ("first page, sorted by title", bench.FirstPage),
            ("search 'renard' (common), first page", bench.Search),
            ("search 'auteur 4321' (rare), first page", bench.SearchRare),
            ("same 'renard' search as a plain scan (count + page)", bench.SearchByScan),
        };
        var times = cases.ToDictionary(c => c.Name, _ => new List<double>());
        foreach (var c in cases)
        {
            await c.Run();
        }
        for (var r = 0; r < rounds; r++)
        {
            foreach (var c in cases)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                await c.Run();
                times[c.Name].Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        var scan = Median(times[cases[^1].Name]);
        Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var c in cases)
        {
            var m = Median(times[c.Name]);
            Console.WriteLine($"{c.Name,-55} median {m,8:F2} ms  min {times[c.Name].Min(),8:F2} ms  ratio to scan {m / scan:F3}");
        }
        bench.Cleanup();
    }
}
