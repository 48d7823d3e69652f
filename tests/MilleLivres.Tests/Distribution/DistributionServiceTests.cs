using MilleLivres.Core.Distribution;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Distribution;

/// <summary>
/// The distribution services over a real database: received books after differences, progress against the ledger and
/// the receipts, the rules with the real receipt data, audit, double submissions. Each test has its own wave.
/// </summary>
public class DistributionServiceTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    private static readonly DistributionUser Staff = new(null, IsStaff: true);

    private Task<T> Distributions<T>(Func<Distributions, Task<T>> action) => DeliveredWave.WithDistributionsAsync(app.Factory, action);

    private async Task<(DeliveredWave.Arranged Wave, int Town)> ArrangeAsync(int number, string town, int titles, bool receiveAll = false)
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var wave = await DeliveredWave.CreateAsync(app.Factory, staff, number, new Dictionary<string, int> { [town] = titles }, receiveAll);
        return (wave, wave.Lines.Keys.Single());
    }

    [Fact]
    public async Task Received_per_band_deducts_differences_and_leaves_out_cartons_still_awaited()
    {
        // 16 titles: 97 books in 3 cartons; carton 2 has 2 copies missing, carton 3 is still awaited.
        var (wave, town) = await ArrangeAsync(30, "Rennes", 16);
        var cartons = await app.Factory.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines)
            .Where(c => c.WaveId == wave.WaveId && c.TownId == town).ToListAsync());
        Assert.Equal(3, cartons.Count);

        var received = await app.Factory.WithDbAsync(db => new ReceivedBooks(db).ForTownAsync(wave.WaveId, town));

        var awaited = cartons.Single(c => c.Number == 3).Lines.Sum(l => l.Quantity);
        Assert.Equal(97 - awaited - DeliveredWave.MissingCopies, received.Values.Sum());
        Assert.Equal(await DeliveredWave.ReceivedByHandAsync(app.Factory, wave.WaveId, town), received);
        Assert.Equal(wave.ReceivedOn, await app.Factory.WithDbAsync(db => new ReceivedBooks(db).FirstReceiptOnAsync(wave.WaveId, town)));
    }

    [Fact]
    public async Task Progress_figures_agree_with_the_ledger_the_allocation_and_the_receipts()
    {
        var (wave, town) = await ArrangeAsync(31, "Maubeuge", 12, receiveAll: true);
        var bands = await app.Factory.WithDbAsync(db => db.AgeBands.OrderBy(b => b.SortOrder).Select(b => b.Id).ToListAsync());
        var received = await DeliveredWave.ReceivedByHandAsync(app.Factory, wave.WaveId, town);
        var band = received.First(r => r.Value >= 3).Key;
        await Distributions(d => d.AddRowsAsync(Staff, wave.WaveId, town,
            [new RowInput(DeliveredWave.Today, PlaceKind.Mediatheque, "Médiathèque Jean-Macé", band, 14, 3, null)], DeliveredWave.NewKey()));

        var progress = await app.Factory.WithDbAsync(db => new DistributionProgress(db, new ReceivedBooks(db), new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions())).ForTownAsync(wave.WaveId, town));

        // Allocated: the allocation lines; shipped: the ledger's shipped movements of this wave and town.
        Assert.Equal(wave.Lines[town].Sum(l => l.Quantity), progress.Allocated);
        foreach (var b in bands)
        {
            Assert.Equal(wave.Lines[town].Where(l => l.AgeBandId == b).Sum(l => l.Quantity), progress.Bands.Single(x => x.AgeBandId == b).Allocated);
            Assert.Equal(received.GetValueOrDefault(b), progress.Bands.Single(x => x.AgeBandId == b).Received);
        }
        var shippedInLedger = await app.Factory.WithDbAsync(db => db.StockMovements
            .Where(m => m.WaveId == wave.WaveId && m.TownId == town && m.Kind == StockMovementKind.Shipped).SumAsync(m => m.Quantity));
        Assert.Equal(-shippedInLedger, progress.Shipped);
        Assert.Equal(progress.Shipped - DeliveredWave.MissingCopies, progress.Received);

        var row = progress.Bands.Single(b => b.AgeBandId == band);
        Assert.Equal(3, row.HandedOut);
        Assert.Equal(14, row.ChildrenReached);
        Assert.Equal(row.Received - 3, row.Left);
        Assert.Equal(progress.Received - 3, progress.Left);
        Assert.Equal(0, progress.CartonsToConfirm);
        Assert.Equal(1, progress.ReportsToFinish);

        // The wave's progress adds up its towns (one here).
        var waveProgress = await app.Factory.WithDbAsync(db => new DistributionProgress(db, new ReceivedBooks(db), new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions())).ForWaveAsync(wave.WaveId));
        Assert.Equal(progress.Bands, waveProgress.Bands);
    }

    [Fact]
    public async Task Books_beyond_those_received_after_differences_are_refused_and_the_date_rules_use_the_first_receipt()
    {
        var (wave, town) = await ArrangeAsync(32, "Allonnes", 16);
        var received = await DeliveredWave.ReceivedByHandAsync(app.Factory, wave.WaveId, town);
        var (band, count) = received.First(r => r.Value > 0);

        var e = await Assert.ThrowsAsync<MoreBooksThanReceivedException>(() => Distributions(d => d.AddRowsAsync(Staff, wave.WaveId, town,
            [new RowInput(DeliveredWave.Today, PlaceKind.College, "Collège Anne-Frank", band, 30, count + 1, null)], DeliveredWave.NewKey())));
        Assert.Contains($"{count} livre(s) reçu(s)", e.Message);
        await Assert.ThrowsAsync<ImplausibleDistributionDateException>(() => Distributions(d => d.AddRowsAsync(Staff, wave.WaveId, town,
            [new RowInput(wave.ReceivedOn.AddDays(-1), PlaceKind.College, "Collège Anne-Frank", band, 30, 1, null)], DeliveredWave.NewKey())));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.DistributionRows.CountAsync(r => db.DistributionReports.Any(p => p.Id == r.ReportId && p.WaveId == wave.WaveId))));

        Assert.Equal(1, await Distributions(d => d.AddRowsAsync(Staff, wave.WaveId, town,
            [new RowInput(wave.ReceivedOn, PlaceKind.College, "Collège Anne-Frank", band, 30, count, null)], DeliveredWave.NewKey())));
    }

    [Fact]
    public async Task A_second_post_of_the_same_form_records_nothing_and_every_change_is_audited()
    {
        var (wave, town) = await ArrangeAsync(33, "Grigny", 8, receiveAll: true);
        var received = await DeliveredWave.ReceivedByHandAsync(app.Factory, wave.WaveId, town);
        var band = received.First(r => r.Value >= 4).Key;
        var key = DeliveredWave.NewKey();
        RowInput[] rows = [
            new(DeliveredWave.Today, PlaceKind.EcoleElementaire, "École Pasteur", band, 20, 2, "Lecture à voix haute"),
            new(DeliveredWave.Today, PlaceKind.CentreSocial, "Centre social des Tilleuls", band, 6, 1, null)];

        Assert.Equal(2, await Distributions(d => d.AddRowsAsync(Staff, wave.WaveId, town, rows, key)));
        Assert.Equal(0, await Distributions(d => d.AddRowsAsync(Staff, wave.WaveId, town, rows, key)));
        var report = await Distributions(d => d.ReportAsync(Staff, wave.WaveId, town));
        Assert.Equal(2, report!.Rows.Count);

        var first = report.Rows.OrderBy(r => r.Id).First();
        var edit = rows[0] with { BooksHandedOut = 3 };
        Assert.True(await Distributions(d => d.UpdateRowAsync(Staff, wave.WaveId, town, first.Id, edit)));
        Assert.False(await Distributions(d => d.UpdateRowAsync(Staff, wave.WaveId, town, first.Id, edit)));
        var second = report.Rows.OrderBy(r => r.Id).Last();
        Assert.True(await Distributions(d => d.RemoveRowAsync(Staff, wave.WaveId, town, second.Id)));
        Assert.False(await Distributions(d => d.RemoveRowAsync(Staff, wave.WaveId, town, second.Id)));
        Assert.True(await Distributions(d => d.FinishAsync(Staff, wave.WaveId, town, "Tous les livres sont remis.")));
        Assert.False(await Distributions(d => d.FinishAsync(Staff, wave.WaveId, town, "Tous les livres sont remis.")));
        await Assert.ThrowsAsync<DistributionFinishedException>(() => Distributions(d => d.UpdateRowAsync(Staff, wave.WaveId, town, first.Id, rows[0])));
        Assert.True(await Distributions(d => d.ReopenAsync(Staff, wave.WaveId, town)));

        var audit = await app.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(DistributionRow) || a.EntityType == nameof(DistributionReport)).ToListAsync());
        var rowAudit = audit.Where(a => a.EntityType == nameof(DistributionRow)).ToList();
        Assert.Contains(rowAudit, a => a.Action == "Added" && a.EntityId == first.Id.ToString() && a.Changes.Contains("École Pasteur"));
        Assert.Contains(rowAudit, a => a.Action == "Modified" && a.EntityId == first.Id.ToString() && a.Changes.Contains("\"BooksHandedOut\":[2,3]"));
        Assert.Contains(rowAudit, a => a.Action == "Deleted" && a.EntityId == second.Id.ToString());
        Assert.Single(rowAudit, a => a.Action == "Added" && a.EntityId == second.Id.ToString());
        var reportAudit = audit.Where(a => a.EntityType == nameof(DistributionReport) && a.EntityId == report.Id.ToString()).ToList();
        Assert.Contains(reportAudit, a => a.Changes.Contains("Tous les livres sont remis."));
        Assert.Contains(reportAudit, a => a.Changes.Contains("\"State\":[1,0]"));
    }

    [Fact]
    public async Task A_coordinator_reaches_only_the_towns_they_coordinate_and_only_staff_reopen_and_moderate()
    {
        var (wave, town) = await ArrangeAsync(34, "Lens", 4, receiveAll: true);
        var (lensUser, boulogneUser) = await app.Factory.WithDbAsync(async db => (
            await db.Users.Where(u => u.Email == Http.LensEmail).Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.Email == Http.BoulogneEmail).Select(u => u.Id).SingleAsync()));
        var lens = new DistributionUser(lensUser, IsStaff: false);
        var boulogne = new DistributionUser(boulogneUser, IsStaff: false);
        var received = await DeliveredWave.ReceivedByHandAsync(app.Factory, wave.WaveId, town);
        RowInput[] rows = [new(DeliveredWave.Today, PlaceKind.Pmi, "PMI du centre", received.First(r => r.Value > 0).Key, 4, 1, null)];

        await Assert.ThrowsAsync<DistributionNotFoundException>(() => Distributions(d => d.AddRowsAsync(boulogne, wave.WaveId, town, rows, DeliveredWave.NewKey())));
        Assert.False(await Distributions(d => d.CanSeeAsync(boulogne, wave.WaveId, town)));
        Assert.Equal(1, await Distributions(d => d.AddRowsAsync(lens, wave.WaveId, town, rows, DeliveredWave.NewKey())));
        Assert.True(await Distributions(d => d.AddTestimonialAsync(lens, wave.WaveId, town, "« Mon premier livre à moi ! »", TestimonialSource.Child, true, DeliveredWave.NewKey())));
        Assert.True(await Distributions(d => d.FinishAsync(lens, wave.WaveId, town, "Bilan : tout est distribué.")));
        await Assert.ThrowsAsync<DistributionNotFoundException>(() => Distributions(d => d.ReopenAsync(lens, wave.WaveId, town)));
        var testimonial = (await Distributions(d => d.TestimonialsAsync(Staff, wave.WaveId, town))).Single();
        await Assert.ThrowsAsync<DistributionNotFoundException>(() => Distributions(d => d.ModerateAsync(lens, testimonial.Id, true, null)));

        Assert.Empty(await Distributions(d => d.PublicTestimonials(wave.WaveId).ToListAsync()));
        Assert.True(await Distributions(d => d.ModerateAsync(Staff, testimonial.Id, true, null)));
        Assert.Single(await Distributions(d => d.PublicTestimonials(wave.WaveId).ToListAsync()));
    }
}
