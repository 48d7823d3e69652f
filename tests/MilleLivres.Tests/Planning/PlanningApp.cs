using MilleLivres.Core.Allocation;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Planning;

/// <summary>
/// A fresh seeded app per test (the demo data has no stock), with helpers to add towns, waves and titles,
/// so every test knows the exact stock the allocation works on.
/// </summary>
public sealed class PlanningApp : IAsyncDisposable
{
    private static int _nextInsee = 99000;

    private readonly bool _ownsFactory = true;

    private PlanningApp(AppFactory factory) => Factory = factory;

    private PlanningApp(AppFactory factory, bool ownsFactory) : this(factory) => _ownsFactory = ownsFactory;

    public AppFactory Factory { get; }

    public static async Task<PlanningApp> StartAsync(TestProvider provider = TestProvider.Sqlite) =>
        new(await (await TestProviders.FactoryAsync(provider)).SeededAsync());

    /// <summary>Wraps a started host owned by someone else (a class fixture, see <see cref="PlanningHost"/>).</summary>
    public static PlanningApp Over(AppFactory factory) => new(factory, ownsFactory: false);

    public Task<IReadOnlyList<int>> BandIdsAsync() => Factory.WithDbAsync<IReadOnlyList<int>>(async db =>
        await db.AgeBands.OrderBy(b => b.SortOrder).Select(b => b.Id).ToListAsync());

    /// <summary>A new wave (in planning) with new towns, each with the quota and children given (band id → children).</summary>
    public Task<(int WaveId, IReadOnlyList<int> TownIds)> NewWaveAsync(int number, int towns, int quota, IReadOnlyDictionary<int, int> children) =>
        Factory.WithDbAsync(async db =>
        {
            var wave = new Wave(number, $"Vague {number} — test");
            db.Waves.Add(wave);
            var created = new List<Town>();
            for (var i = 0; i < towns; i++)
            {
                var insee = Interlocked.Increment(ref _nextInsee).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var town = new Town($"Ville test {insee}", insee, "99", "Test", string.Empty, false);
                town.SetQuota(quota);
                db.Towns.Add(town);
                await db.SaveChangesAsync();
                town.SetExpectedChildren(children);
                wave.AddTown(town, null);
                created.Add(town);
            }
            await db.SaveChangesAsync();
            return (wave.Id, (IReadOnlyList<int>)created.Select(t => t.Id).ToList());
        });

    /// <summary>New titles of one band, each received as a donation of <paramref name="copies"/> copies.</summary>
    public async Task<IReadOnlyList<int>> AddTitlesAsync(int bandId, int count, int copies, string prefix = "Titre")
    {
        var ids = await Factory.WithDbAsync(async db =>
        {
            var titles = Enumerable.Range(1, count)
                .Select(i => new Title(TestIsbns.Next(), $"{prefix} {i:00}", "Autrice Test", "Éditions Test", bandId, Genre.Album))
                .ToList();
            db.Titles.AddRange(titles);
            await db.SaveChangesAsync();
            return titles.Select(t => t.Id).ToList();
        });
        await using var scope = Factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<StockLedger>();
        foreach (var id in ids)
        {
            await ledger.ReceiveDonationAsync(id, copies, "Éditions Test", new DateOnly(2025, 1, 15), "BL-TEST");
        }
        return ids;
    }

    /// <summary>
    /// Many titles of one band at once, each with <paramref name="copies"/> copies received as one donation movement:
    /// the same rows the ledger writes, in two set-based statements, so large waves are quick to arrange.
    /// </summary>
    public async Task<IReadOnlyList<int>> AddStockInBulkAsync(int bandId, int count, int copies)
    {
        var ids = await Factory.WithDbAsync(async db =>
        {
            var titles = Enumerable.Range(1, count)
                .Select(i => new Title(TestIsbns.Next(), $"Titre en nombre {i:0000}", "Autrice Test", "Éditions Test", bandId, Genre.Roman))
                .ToList();
            db.Titles.AddRange(titles);
            await db.SaveChangesAsync();
            return titles.Select(t => t.Id).ToList();
        });
        var (first, last) = (ids.Min(), ids.Max());
        await Factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = DateTime.UtcNow;
            var on = new DateOnly(2025, 1, 15);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "Titles" SET "OnHand" = "OnHand" + {copies} WHERE "Id" BETWEEN {first} AND {last}
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "StockMovements" ("TitleId", "Kind", "Quantity", "AtUtc", "OccurredOn", "ActorName", "Reason", "Donor")
                SELECT "Id", 'DonationReceived', {copies}, {now}, {on}, 'test', 'Don en nombre', 'Éditions Test'
                FROM "Titles" WHERE "Id" BETWEEN {first} AND {last}
                """);
            await transaction.CommitAsync();
        });
        return ids;
    }

    public async Task<T> WithPlanningAsync<T>(Func<WavePlanning, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<WavePlanning>());
    }

    /// <summary>Checks the ledger's invariants for every title: counters equal the movements, reserved equals the open allocation lines.</summary>
    public Task AssertLedgerConsistentAsync() => Factory.WithDbAsync(async db =>
    {
        var titles = await db.Titles.AsNoTracking().Select(t => new { t.Id, t.OnHand, t.Reserved, t.Available }).ToListAsync();
        var movements = await db.StockMovements.AsNoTracking()
            .GroupBy(m => new { m.TitleId, m.Kind })
            .Select(g => new { g.Key.TitleId, g.Key.Kind, Sum = g.Sum(m => m.Quantity) })
            .ToListAsync();
        var lines = await db.AllocationLines.AsNoTracking()
            .GroupBy(l => l.TitleId).Select(g => new { TitleId = g.Key, Sum = g.Sum(l => l.Quantity) })
            .ToListAsync();
        // Looked up by key, not scanned per title: a large wave has thousands of titles.
        var movementSums = movements.ToDictionary(m => (m.TitleId, m.Kind), m => m.Sum);
        var lineSums = lines.ToDictionary(l => l.TitleId, l => l.Sum);
        foreach (var t in titles)
        {
            int Sum(StockMovementKind k) => movementSums.GetValueOrDefault((t.Id, k));
            var reservedByMovements = Sum(StockMovementKind.Reserved) + Sum(StockMovementKind.Released) + Sum(StockMovementKind.Shipped);
            var onHandByMovements = Sum(StockMovementKind.DonationReceived) + Sum(StockMovementKind.Adjustment) + Sum(StockMovementKind.Shipped);
            Assert.True(t.Reserved <= t.OnHand, $"title {t.Id}: reserved {t.Reserved} > on hand {t.OnHand}");
            Assert.Equal(t.OnHand - t.Reserved, t.Available);
            Assert.Equal(onHandByMovements, t.OnHand);
            Assert.Equal(reservedByMovements, t.Reserved);
            Assert.Equal(lineSums.GetValueOrDefault(t.Id), t.Reserved);
        }
        return true;
    });

    public ValueTask DisposeAsync()
    {
        if (_ownsFactory)
        {
            Factory.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// One seeded SQLite host for the tests of a class, its database reset to the just-started state before each test
/// (<see cref="DatabaseResetter"/>): each test still starts on the demo data alone, without paying for a host of its own.
/// </summary>
public sealed class PlanningHost : IAsyncLifetime
{
    private AppFactory _factory = null!;
    private DatabaseResetter _resetter = null!;

    public async Task InitializeAsync()
    {
        _factory = await new AppFactory().SeededAsync();
        _resetter = DatabaseResetter.Take(_factory.DataDirectory);
    }

    /// <summary>The shared host with its database back at the reset point.</summary>
    public PlanningApp Fresh()
    {
        _resetter.Reset();
        return PlanningApp.Over(_factory);
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }
}
