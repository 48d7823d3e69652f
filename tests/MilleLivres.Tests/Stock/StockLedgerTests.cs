using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Stock;

public class StockLedgerTests(SeededApp app) : StockLedgerTestsBase, IClassFixture<SeededApp>
{
    protected override AppFactory Factory => app.Factory;
}

/// <summary>The same ledger tests on PostgreSQL (ADR 0900): its guarded updates under row locks instead of one writer.</summary>
public class StockLedgerPostgreSqlTests(SeededPostgresApp app) : StockLedgerTestsBase, IClassFixture<SeededPostgresApp>
{
    protected override AppFactory Factory => app.Factory;
}

public abstract class StockLedgerTestsBase
{
    protected abstract AppFactory Factory { get; }

    /// <summary>A new title with a unique, valid ISBN (979-10 prefix, numbered by the test).</summary>
    internal static async Task<int> NewTitleAsync(AppFactory factory, string name, int onHand = 0)
    {
        var isbn = TestIsbns.Next();
        var id = await factory.WithDbAsync(async db =>
        {
            var band = await db.AgeBands.OrderBy(b => b.SortOrder).FirstAsync();
            var title = new Title(isbn, name, "Autrice Test", "Éditions Test", band.Id, Genre.Album);
            db.Titles.Add(title);
            await db.SaveChangesAsync();
            return title.Id;
        });
        if (onHand > 0)
        {
            await WithLedgerAsync(factory, l => l.ReceiveDonationAsync(id, onHand, "Éditions Test", new DateOnly(2020, 4, 1), "BL-1"));
        }
        return id;
    }

    internal static async Task WithLedgerAsync(AppFactory factory, Func<StockLedger, Task> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<StockLedger>());
    }

    private Task<(int OnHand, int Reserved, int Available)> CountersAsync(int id) => Factory.WithDbAsync(async db =>
    {
        // Read as columns, made a tuple here: PostgreSQL would return a tuple projection as one record.
        var t = await db.Titles.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.OnHand, t.Reserved, t.Available }).SingleAsync();
        return (t.OnHand, t.Reserved, t.Available);
    });

    [Fact]
    public async Task Donation_reserve_release_and_ship_keep_the_counters_in_step_with_the_movements()
    {
        var id = await NewTitleAsync(Factory, "Le Petit Ours brun", onHand: 10);
        var (waveId, townId) = await Factory.WithDbAsync(async db =>
        {
            var wt = await db.WaveTowns.AsNoTracking().FirstAsync();
            return (wt.WaveId, wt.TownId);
        });

        await WithLedgerAsync(Factory, l => l.ReserveAsync(id, 6, waveId, townId, "Dotation vague"));
        Assert.Equal((10, 6, 4), await CountersAsync(id));
        await WithLedgerAsync(Factory, l => l.ReleaseAsync(id, 2, waveId, townId, "Réduction de la dotation"));
        Assert.Equal((10, 4, 6), await CountersAsync(id));
        await WithLedgerAsync(Factory, l => l.ShipAsync(id, 4, waveId, townId, "Colis"));
        Assert.Equal((6, 0, 6), await CountersAsync(id));
        await WithLedgerAsync(Factory, l => l.AdjustAsync(id, -1, AdjustmentReason.Damaged, "couverture déchirée"));
        Assert.Equal((5, 0, 5), await CountersAsync(id));

        var movements = await Factory.WithDbAsync(db => db.StockMovements.AsNoTracking().Where(m => m.TitleId == id).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(
            [StockMovementKind.DonationReceived, StockMovementKind.Reserved, StockMovementKind.Released, StockMovementKind.Shipped, StockMovementKind.Adjustment],
            movements.Select(m => m.Kind));
        Assert.Equal([10, 6, -2, -4, -1], movements.Select(m => m.Quantity));
        // On hand is the sum of the movements that move it; reserved likewise.
        var onHand = movements.Where(m => m.Kind is StockMovementKind.DonationReceived or StockMovementKind.Adjustment or StockMovementKind.Shipped).Sum(m => m.Quantity);
        var reserved = movements.Where(m => m.Kind is StockMovementKind.Reserved or StockMovementKind.Released).Sum(m => m.Quantity)
            + movements.Where(m => m.Kind == StockMovementKind.Shipped).Sum(m => m.Quantity);
        Assert.Equal((5, 0), (onHand, reserved));
        Assert.All(movements.Skip(1).Take(3), m => Assert.Equal((waveId, townId), (m.WaveId!.Value, m.TownId!.Value)));
        Assert.Equal("Abîmé : couverture déchirée", movements[^1].Reason);
        Assert.All(movements, m => Assert.False(string.IsNullOrEmpty(m.ActorName)));
    }

    [Fact]
    public async Task Reserving_more_than_available_is_refused_in_french_and_writes_nothing()
    {
        var id = await NewTitleAsync(Factory, "Rien ne va plus", onHand: 3);
        var (waveId, townId) = await Factory.WithDbAsync(async db =>
        {
            var wt = await db.WaveTowns.AsNoTracking().FirstAsync();
            return (wt.WaveId, wt.TownId);
        });

        var e = await Assert.ThrowsAsync<StockShortageException>(() => WithLedgerAsync(Factory, l => l.ReserveAsync(id, 4, waveId, townId, "x")));
        Assert.Equal("Stock insuffisant pour « Rien ne va plus » : 3 exemplaire(s) disponible(s), 4 demandé(s).", e.Message);
        Assert.Equal("Quantity", e.Field);
        Assert.Equal((3, 0, 3), await CountersAsync(id));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.TitleId == id)));
    }

    [Fact]
    public async Task Removing_reserved_copies_by_adjustment_is_refused()
    {
        var id = await NewTitleAsync(Factory, "Tout est réservé", onHand: 5);
        var (waveId, townId) = await Factory.WithDbAsync(async db =>
        {
            var wt = await db.WaveTowns.AsNoTracking().FirstAsync();
            return (wt.WaveId, wt.TownId);
        });
        await WithLedgerAsync(Factory, l => l.ReserveAsync(id, 4, waveId, townId, "x"));

        var e = await Assert.ThrowsAsync<StockShortageException>(() => WithLedgerAsync(Factory, l => l.AdjustAsync(id, -2, AdjustmentReason.Lost, null)));
        Assert.Contains("1 disponible(s) (5 en stock dont 4 réservé(s))", e.Message);
        Assert.Equal((5, 4, 1), await CountersAsync(id));
    }

    [Fact]
    public async Task Ledger_joins_the_callers_transaction_and_rolls_back_with_it()
    {
        var id = await NewTitleAsync(Factory, "Annulé", onHand: 5);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ledger = scope.ServiceProvider.GetRequiredService<StockLedger>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await ledger.AdjustAsync(id, -3, AdjustmentReason.InventoryCount, null);
            await tx.RollbackAsync();
        }
        Assert.Equal((5, 0, 5), await CountersAsync(id));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.TitleId == id)));
    }

    [Fact]
    public async Task The_database_refuses_counters_that_break_the_rule_even_without_the_ledger()
    {
        var id = await NewTitleAsync(Factory, "Garde-fou", onHand: 2);
        var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Factory.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE \"Titles\" SET \"Reserved\" = 3 WHERE \"Id\" = {id}")));
        Assert.Contains("CK_Title_Stock", e.Message);
    }

    [Fact]
    public async Task Concurrent_adjustments_never_make_available_negative()
    {
        const int stock = 12;
        const int writers = 30;
        var id = await NewTitleAsync(Factory, "Le dernier exemplaire", onHand: stock);
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await WithLedgerAsync(Factory, l => l.AdjustAsync(id, -1, AdjustmentReason.Lost, $"écrivain {i}"));
                return true;
            }
            catch (DomainException)
            {
                return false;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(tasks);

        Assert.Equal(stock, outcomes.Count(ok => ok));
        Assert.Equal(writers - stock, outcomes.Count(ok => !ok));
        Assert.Equal((0, 0, 0), await CountersAsync(id));
        var removed = await Factory.WithDbAsync(db => db.StockMovements.Where(m => m.TitleId == id && m.Kind == StockMovementKind.Adjustment).SumAsync(m => m.Quantity));
        Assert.Equal(-stock, removed);
    }

    [Fact]
    public async Task Concurrent_reservations_for_two_towns_never_take_more_than_available()
    {
        var id = await NewTitleAsync(Factory, "Très demandé", onHand: 20);
        var towns = await Factory.WithDbAsync(db => db.WaveTowns.AsNoTracking().Take(4).Select(wt => new { wt.WaveId, wt.TownId }).ToListAsync());
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var t = towns[i % towns.Count];
            try
            {
                await WithLedgerAsync(Factory, l => l.ReserveAsync(id, 3, t.WaveId, t.TownId, "dotation"));
                return 3;
            }
            catch (DomainException)
            {
                return 0;
            }
        })).ToList();
        start.Set();
        var reserved = (await Task.WhenAll(tasks)).Sum();

        Assert.Equal(18, reserved); // six reservations of 3 fit in 20, the seventh would need 21
        Assert.Equal((20, 18, 2), await CountersAsync(id));
    }
}
