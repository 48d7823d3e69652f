using MilleLivres.Core.Allocation;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Planning;

/// <summary>
/// Two staff confirm two waves at the same moment, competing for the same scarce titles, on one real SQLite file and
/// on PostgreSQL (two scopes, two DbContexts, two connections).
/// </summary>
public class ConcurrentConfirmationTests
{
    private static async Task<(int WaveA, int WaveB, IReadOnlyList<int> Titles, PlanningApp App)> ArrangeAsync(TestProvider provider)
    {
        var app = await PlanningApp.StartAsync(provider);
        var bands = await app.BandIdsAsync();
        var children = new Dictionary<int, int> { [bands[0]] = 50 };
        var (waveA, _) = await app.NewWaveAsync(20, towns: 2, quota: 60, children);
        var (waveB, _) = await app.NewWaveAsync(21, towns: 2, quota: 60, children);
        // 150 copies for 240 wanted: both waves cannot have their target. Many lines keep each confirmation busy.
        var titles = await app.AddTitlesAsync(bands[0], count: 50, copies: 3);
        return (waveA, waveB, titles, app);
    }

    private static async Task<bool[]> ConfirmBothAsync(PlanningApp app, int waveA, int waveB, bool acceptShortfall)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = new[] { waveA, waveB }.Select(waveId => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await app.WithPlanningAsync(p => p.ConfirmAsync(waveId, [], acceptShortfall));
                return true;
            }
            catch (DomainException)
            {
                return false;
            }
        })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Two_concurrent_confirmations_without_accepting_a_shortfall_give_the_stock_to_one_wave_and_refuse_the_other_cleanly(TestProvider provider)
    {
        var (waveA, waveB, titles, app) = await ArrangeAsync(provider);
        await using var _ = app;

        var outcomes = await ConfirmBothAsync(app, waveA, waveB, acceptShortfall: false);

        Assert.Equal(1, outcomes.Count(ok => ok));
        var winner = outcomes[0] ? waveA : waveB;
        var loser = outcomes[0] ? waveB : waveA;
        var statuses = await app.Factory.WithDbAsync(db => db.Waves.AsNoTracking()
            .Where(w => w.Id == waveA || w.Id == waveB).ToDictionaryAsync(w => w.Id, w => w.Status));
        Assert.Equal(WaveStatus.Allocated, statuses[winner]);
        Assert.Equal(WaveStatus.Planning, statuses[loser]);
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.AllocationLines.CountAsync(l => l.WaveId == loser)));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.WaveId == loser)));
        Assert.Equal(120, await app.Factory.WithDbAsync(db => db.Titles.Where(t => titles.Contains(t.Id)).SumAsync(t => t.Reserved)));
        await app.AssertLedgerConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Two_concurrent_confirmations_accepting_shortfalls_never_reserve_more_copies_than_exist(TestProvider provider)
    {
        var (waveA, waveB, titles, app) = await ArrangeAsync(provider);
        await using var _ = app;

        var outcomes = await ConfirmBothAsync(app, waveA, waveB, acceptShortfall: true);

        Assert.All(outcomes, Assert.True);
        var reserved = await app.Factory.WithDbAsync(db => db.Titles.Where(t => titles.Contains(t.Id)).SumAsync(t => t.Reserved));
        Assert.Equal(150, reserved); // everything, and not one copy more
        var perWave = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking()
            .GroupBy(l => l.WaveId).Select(g => g.Sum(l => l.Quantity)).ToListAsync());
        Assert.Equal([30, 120], perWave.Order());
        Assert.Equal(150, await app.Factory.WithDbAsync(db => db.StockMovements
            .Where(m => m.Kind == StockMovementKind.Reserved).SumAsync(m => m.Quantity)));
        await app.AssertLedgerConsistentAsync();
    }
}
