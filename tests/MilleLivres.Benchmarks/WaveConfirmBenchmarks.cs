using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using MilleLivres.Core.Stock;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Benchmarks;

/// <summary>
/// Confirming a wave of N towns × 1000 books from 50,000 titles (1 to 6 free copies each, one donation movement each),
/// through <see cref="WavePlanning.ConfirmAsync"/> (read the stock, allocate, then write under the lock), against the
/// floor: a plain Microsoft.Data.Sqlite loop writing the same rows (the lines computed beforehand, for free) in one
/// transaction with three prepared commands per line (guarded UPDATE of the title, INSERT of the movement, INSERT of
/// the line). Each iteration starts from a fresh copy of the same database.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class WaveConfirmBenchmarks
{
    public const int Titles = 50_000;

    private string _template = "";
    private string _file = "";
    private int _waveId;
    private IReadOnlyList<AllocationLine> _lines = [];

    [Params(10, 40, 80, 160)]
    public int Towns { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_template, _waveId) = CreateWaveDatabase($"confirm-template-{Towns}", Towns, seed: 42);
        using var db = BenchDatabase.Context(_template);
        var request = Planning(db).BuildRequestAsync(_waveId, []).GetAwaiter().GetResult();
        var result = WaveAllocator.Allocate(request);
        _lines = result.Towns
            .SelectMany(t => t.Bands.SelectMany(b => b.Lines.Select(l => new AllocationLine(_waveId, t.TownId, l.TitleId, b.BandId, l.SourceBandId, l.Quantity, l.Wished))))
            .ToList();
        Console.WriteLine($"// {Towns} towns: {_lines.Count} lines, {_lines.Sum(l => l.Quantity)} books");
        SqliteConnection.ClearAllPools();
    }

    public static WavePlanning Planning(AppDbContext db) =>
        new(db, new StockLedger(db, TimeProvider.System), Microsoft.Extensions.Options.Options.Create(new AllocationOptions()), TimeProvider.System);

    /// <summary>50,000 titles with free copies and their donation movements, and one wave in planning of <paramref name="towns"/> towns.</summary>
    public static (string File, int WaveId) CreateWaveDatabase(string name, int towns, int seed)
    {
        var (file, waveIds) = CreateWavesDatabase(name, towns, waves: 1, seed, maxCopies: 6);
        return (file, waveIds[0]);
    }

    /// <summary>
    /// 50,000 titles with 1 to <paramref name="maxCopies"/> free copies each and their donation movements, and
    /// <paramref name="waves"/> waves in planning of <paramref name="towns"/> towns each (no town in two waves).
    /// </summary>
    public static (string File, IReadOnlyList<int> WaveIds) CreateWavesDatabase(string name, int towns, int waves, int seed, int maxCopies)
    {
        var file = BenchDatabase.CreateEmpty(name);
        var random = new Random(seed);
        using (var connection = new SqliteConnection(BenchDatabase.ConnectionString(file)))
        {
            connection.Open();
            var bands = new List<int>();
            using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT \"Id\" FROM \"AgeBands\" ORDER BY \"SortOrder\"";
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    bands.Add(reader.GetInt32(0));
                }
            }
            using var transaction = connection.BeginTransaction();
            using var title = connection.CreateCommand();
            title.Transaction = transaction;
            title.CommandText = """
                INSERT INTO "Titles" ("Isbn", "Name", "Authors", "Publisher", "AgeBandId", "Genre", "Language", "OnHand", "Reserved", "SearchText")
                VALUES ($isbn, $name, 'Auteur', 'Éditeur', $band, 'Roman', 'français', $qty, 0, $name)
                """;
            var isbn = title.Parameters.Add("$isbn", SqliteType.Text);
            var titleName = title.Parameters.Add("$name", SqliteType.Text);
            var band = title.Parameters.Add("$band", SqliteType.Integer);
            var qty = title.Parameters.Add("$qty", SqliteType.Integer);
            using var movement = connection.CreateCommand();
            movement.Transaction = transaction;
            movement.CommandText = """
                INSERT INTO "StockMovements" ("TitleId", "Kind", "Quantity", "AtUtc", "OccurredOn", "ActorName", "Reason", "Donor")
                VALUES (last_insert_rowid(), 'DonationReceived', $qty, '2024-01-01 10:00:00', $on, 'bench', 'bench', 'Éditeur')
                """;
            var mqty = movement.Parameters.Add("$qty", SqliteType.Integer);
            var on = movement.Parameters.Add("$on", SqliteType.Text);
            var start = new DateOnly(2022, 1, 1);
            for (var i = 1; i <= Titles; i++)
            {
                isbn.Value = BenchDatabase.Isbn(i);
                titleName.Value = $"titre {i}";
                band.Value = bands[random.Next(bands.Count)];
                qty.Value = mqty.Value = random.Next(1, maxCopies + 1);
                title.ExecuteNonQuery();
                on.Value = start.AddDays(random.Next(3 * 365)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                movement.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        var waveIds = new List<int>();
        using (var db = BenchDatabase.Context(file))
        {
            var bandIds = db.AgeBands.OrderBy(b => b.SortOrder).Select(b => b.Id).ToList();
            for (var w = 0; w < waves; w++)
            {
                var wave = new Wave(9 + w, w == 0 ? "Vague de mesure" : $"Vague de mesure {w + 1}");
                db.Waves.Add(wave);
                for (var i = 0; i < towns; i++)
                {
                    var n = w * towns + i;
                    var town = new Town($"Ville {n}", (90000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture), "99", "Test", string.Empty, false);
                    db.Towns.Add(town);
                    db.SaveChanges();
                    town.SetExpectedChildren(bandIds.ToDictionary(b => b, _ => random.Next(0, 400)));
                    wave.AddTown(town, null);
                }
                db.SaveChanges();
                waveIds.Add(wave.Id);
            }
            db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        SqliteConnection.ClearAllPools();
        return (file, waveIds);
    }

    [IterationSetup]
    public void FreshDatabase()
    {
        SqliteConnection.ClearAllPools();
        _file = Path.Combine(BenchDatabase.Folder, $"confirm-{Guid.NewGuid():N}.db");
        File.Copy(_template, _file);
    }

    [IterationCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Benchmark(Description = "WavePlanning.ConfirmAsync (read stock, allocate, set-based writes)")]
    public async Task<int> AppConfirm()
    {
        await using var db = BenchDatabase.Context(_file);
        var result = await Planning(db).ConfirmAsync(_waveId, [], acceptShortfall: true);
        return result.Towns.Count;
    }

    [Benchmark(Baseline = true, Description = "Plain Microsoft.Data.Sqlite loop, same rows (3 prepared commands per line)")]
    public int PlainLoop() => PlainLoopOn(_file, _waveId, _lines);

    public static int PlainLoopOn(string file, int waveId, IReadOnlyList<AllocationLine> lines)
    {
        using var connection = new SqliteConnection(BenchDatabase.ConnectionString(file));
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var reserve = connection.CreateCommand();
        reserve.Transaction = transaction;
        reserve.CommandText = """
            UPDATE "Titles" SET "Reserved" = "Reserved" + $q WHERE "Id" = $t AND "OnHand" - ("Reserved" + $q) >= 0
            """;
        var rq = reserve.Parameters.Add("$q", SqliteType.Integer);
        var rt = reserve.Parameters.Add("$t", SqliteType.Integer);
        reserve.Prepare();
        using var movement = connection.CreateCommand();
        movement.Transaction = transaction;
        movement.CommandText = """
            INSERT INTO "StockMovements" ("TitleId", "Kind", "Quantity", "AtUtc", "OccurredOn", "ActorId", "ActorName", "Reason", "WaveId", "TownId")
            VALUES ($t, 'Reserved', $q, $at, $on, NULL, 'bench', 'Dotation de la vague 9', $w, $town)
            """;
        var mt = movement.Parameters.Add("$t", SqliteType.Integer);
        var mq = movement.Parameters.Add("$q", SqliteType.Integer);
        movement.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
        movement.Parameters.AddWithValue("$on", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        movement.Parameters.AddWithValue("$w", waveId);
        var mtown = movement.Parameters.Add("$town", SqliteType.Integer);
        movement.Prepare();
        using var line = connection.CreateCommand();
        line.Transaction = transaction;
        line.CommandText = """
            INSERT INTO "AllocationLines" ("WaveId", "TownId", "TitleId", "AgeBandId", "SourceAgeBandId", "Quantity", "Wished")
            VALUES ($w, $town, $t, $b, $sb, $q, $wished)
            """;
        line.Parameters.AddWithValue("$w", waveId);
        var ltown = line.Parameters.Add("$town", SqliteType.Integer);
        var lt = line.Parameters.Add("$t", SqliteType.Integer);
        var lb = line.Parameters.Add("$b", SqliteType.Integer);
        var lsb = line.Parameters.Add("$sb", SqliteType.Integer);
        var lq = line.Parameters.Add("$q", SqliteType.Integer);
        var lw = line.Parameters.Add("$wished", SqliteType.Integer);
        line.Prepare();
        var written = 0;
        foreach (var l in lines)
        {
            rq.Value = mq.Value = lq.Value = l.Quantity;
            rt.Value = mt.Value = lt.Value = l.TitleId;
            mtown.Value = ltown.Value = l.TownId;
            lb.Value = l.AgeBandId;
            lsb.Value = l.SourceAgeBandId;
            lw.Value = l.Wished ? 1 : 0;
            if (reserve.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"title {l.TitleId}: not enough copies");
            }
            movement.ExecuteNonQuery();
            written += line.ExecuteNonQuery();
        }
        using var status = connection.CreateCommand();
        status.Transaction = transaction;
        status.CommandText = "UPDATE \"Waves\" SET \"Status\" = 'Allocated' WHERE \"Id\" = $w";
        status.Parameters.AddWithValue("$w", waveId);
        status.ExecuteNonQuery();
        transaction.Commit();
        return written;
    }

    /// <summary>
    /// "profile-confirm" mode: one confirmation of <paramref name="towns"/> towns while another connection tries a small
    /// write every 20 ms; prints the confirmation's time and the longest wait of that other writer (the write lock).
    /// </summary>
    public static async Task ProfileAsync(int towns)
    {
        var (file, waveId) = CreateWaveDatabase($"confirm-profile-{towns}", towns, seed: 42);
        using var stop = new CancellationTokenSource();
        var waits = new List<double>();
        var writer = Task.Run(() =>
        {
            using var connection = new SqliteConnection(BenchDatabase.ConnectionString(file));
            connection.Open();
            while (!stop.IsCancellationRequested)
            {
                var sw = Stopwatch.StartNew();
                using (var transaction = connection.BeginTransaction())
                {
                    using var write = connection.CreateCommand();
                    write.Transaction = transaction;
                    write.CommandText = "UPDATE \"AgeBands\" SET \"SortOrder\" = \"SortOrder\" WHERE \"Id\" = (SELECT MIN(\"Id\") FROM \"AgeBands\")";
                    write.ExecuteNonQuery();
                    transaction.Commit();
                }
                lock (waits)
                {
                    waits.Add(sw.Elapsed.TotalMilliseconds);
                }
                Thread.Sleep(20);
            }
        });
        var total = Stopwatch.StartNew();
        await using (var db = BenchDatabase.Context(file))
        {
            var result = await Planning(db).ConfirmAsync(waveId, [], acceptShortfall: true);
            Console.WriteLine($"{towns} towns: confirmed {result.Towns.Sum(t => t.Allocated)} books in {total.ElapsedMilliseconds} ms");
        }
        stop.Cancel();
        await writer;
        lock (waits)
        {
            Console.WriteLine($"  concurrent writer: {waits.Count} writes, longest wait {waits.Max():F0} ms (the write lock held by the confirmation)");
        }
        SqliteConnection.ClearAllPools();
    }
}
