using MilleLivres.Core.Domain;
using MilleLivres.Core.Reporting;
using MilleLivres.Core.Seeding;
using MilleLivres.Core.Stock;
using MilleLivres.Core.Waves;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Reporting;

/// <summary>The figures are kept in memory between requests (ADR 0824), never past a change of what they count.</summary>
public sealed class ProgrammeFiguresCacheTests
{
    [Fact]
    public async Task Figures_kept_between_requests_follow_an_audited_change_and_a_ledger_movement_at_once()
    {
        using var factory = new AppFactory();
        await factory.SeededAsync();
        await using (var seeding = factory.Services.CreateAsyncScope())
        {
            Assert.True(await seeding.ServiceProvider.GetRequiredService<DemoStockSeeder>().SeedAsync() > 0);
        }
        async Task<ProgrammeFigures.Dashboard> ComputeAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ProgrammeFigures>().ComputeAsync();
        }

        var before = await ComputeAsync();
        Assert.Same(before.Programme, (await ComputeAsync()).Programme);

        // An audited change (a town added to the wave in planning): the wave's town count follows at once.
        var (waveId, townId) = await factory.WithDbAsync(async db =>
        {
            var wave = await db.Waves.AsNoTracking().Where(w => w.Status == WaveStatus.Planning).Select(w => w.Id).FirstAsync();
            var town = await db.Towns.AsNoTracking().Where(t => !db.WaveTowns.Any(x => x.TownId == t.Id)).Select(t => t.Id).FirstAsync();
            return (wave, town);
        });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WaveTowns>().AddAsync(waveId, townId);
        }
        var afterTown = await ComputeAsync();
        Assert.NotSame(before.Programme, afterTown.Programme);
        Assert.Equal(before.Waves.Single(w => w.WaveId == waveId).Towns + 1, afterTown.Waves.Single(w => w.WaveId == waveId).Towns);

        // A donation through the ledger (a movement, no audited entity): the stock per band follows at once.
        var title = await factory.WithDbAsync(db => db.Titles.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.AgeBandId }).FirstAsync());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StockLedger>().ReceiveDonationAsync(
                title.Id, 5, "Éditeur du cache", DateOnly.FromDateTime(DateTime.UtcNow), null);
        }
        var afterDonation = await ComputeAsync();
        Assert.Equal(afterTown.Stock.Single(s => s.AgeBandId == title.AgeBandId).Available + 5,
            afterDonation.Stock.Single(s => s.AgeBandId == title.AgeBandId).Available);
    }

    [Fact]
    public void Every_kind_of_background_work_has_a_french_name_on_the_attention_list()
    {
        using var factory = new AppFactory();
        using var scope = factory.Services.CreateScope();
        var kinds = scope.ServiceProvider.GetServices<MilleLivres.Core.Work.IWorkHandler>().Select(h => h.Kind).ToList();
        Assert.Contains(WaveReportWork.WorkKind, kinds);
        Assert.All(kinds, kind => Assert.NotEqual(kind, MilleLivres.Web.Pages.Staff.IndexModel.WorkText(kind)));
    }
}
