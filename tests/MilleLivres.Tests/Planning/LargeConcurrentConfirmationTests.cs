using MilleLivres.Core.Auditing;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Planning;

/// <summary>
/// Two large waves confirmed at the same moment on one real SQLite file and on
/// PostgreSQL, through the set-based confirmation
/// (allocation computed outside the write lock, re-checked inside it): the ledger must still add up.
/// </summary>
public class LargeConcurrentConfirmationTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Two_large_waves_confirmed_at_once_share_the_stock_without_reserving_a_copy_too_many(TestProvider provider)
    {
        await using var app = await PlanningApp.StartAsync(provider);
        var bands = await app.BandIdsAsync();
        var children = bands.ToDictionary(b => b, _ => 100);
        var (waveA, _) = await app.NewWaveAsync(30, towns: 8, quota: 1000, children);
        var (waveB, _) = await app.NewWaveAsync(31, towns: 8, quota: 1000, children);
        // Per band: 1000 titles × 3 copies = 3000 copies, while each wave wants 8 × 250 = 2000: both cannot be served.
        foreach (var band in bands)
        {
            await app.AddStockInBulkAsync(band, count: 1000, copies: 3);
        }

        using var start = new ManualResetEventSlim(false);
        var confirmations = new[] { waveA, waveB }.Select(waveId => Task.Run(async () =>
        {
            start.Wait();
            var result = await app.WithPlanningAsync(p => p.ConfirmAsync(waveId, [], acceptShortfall: true));
            return result.Towns.Sum(t => t.Allocated);
        })).ToList();
        start.Set();
        var allocated = await Task.WhenAll(confirmations);

        Assert.Equal([4000, 8000], allocated.Order());
        var perWave = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking()
            .GroupBy(l => l.WaveId).Select(g => new { WaveId = g.Key, Copies = g.Sum(l => l.Quantity), Lines = g.Count() })
            .ToDictionaryAsync(g => g.WaveId));
        Assert.Equal(allocated.Order(), new[] { perWave[waveA].Copies, perWave[waveB].Copies }.Order());
        Assert.Equal(12_000, await app.Factory.WithDbAsync(db => db.Titles.SumAsync(t => t.Reserved)));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Titles.CountAsync(t => t.Reserved > t.OnHand)));
        foreach (var waveId in new[] { waveA, waveB })
        {
            Assert.Equal(perWave[waveId].Lines, await app.Factory.WithDbAsync(db => db.StockMovements
                .CountAsync(m => m.WaveId == waveId && m.Kind == StockMovementKind.Reserved)));
            Assert.Equal(WaveStatus.Allocated, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
            Assert.Equal(1, await app.Factory.WithDbAsync(db => db.AuditEntries
                .CountAsync(a => a.WaveId == waveId && a.Action == AuditActions.AllocationConfirmed)));
        }
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "AllocationLine")));
        await app.AssertLedgerConsistentAsync();
    }
}
