using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Reporting;
using MilleLivres.Core.Stock;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Distribution;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Reporting;

/// <summary>
/// A programme built through the real services, once for the class: wave 50 delivered to Lens (three cartons: two
/// copies missing in the second, the third still awaited) and Boulogne-sur-Mer (received, nothing handed out yet);
/// wave 51 delivered to Maubeuge, whose difference is written off and whose delivery is moved 60 days back so that
/// its distributions, recorded today, are late. One delivery notice and one packing slip are marked failed the way
/// the mail sender and the work runner record a failure.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime
{
    public RealPackingAppFactory Factory { get; } = new();
    public DeliveredWave.Arranged WaveA { get; private set; } = null!;
    public DeliveredWave.Arranged WaveB { get; private set; } = null!;
    public int Lens { get; private set; }
    public int Boulogne { get; private set; }
    public int Maubeuge { get; private set; }
    public long FailedSlipId { get; private set; }

    public async Task InitializeAsync()
    {
        await Factory.SeededAsync();
        var staff = await Factory.SignedInClientAsync(Http.StaffEmail);
        WaveA = await DeliveredWave.CreateAsync(Factory, staff, 50, new Dictionary<string, int> { ["Lens"] = 16, ["Boulogne-sur-Mer"] = 4 });
        WaveB = await DeliveredWave.CreateAsync(Factory, staff, 51, new Dictionary<string, int> { ["Maubeuge"] = 12 }, receiveAll: true);
        Lens = await AllocatedWave.TownIdAsync(Factory, "Lens");
        Boulogne = await AllocatedWave.TownIdAsync(Factory, "Boulogne-sur-Mer");
        Maubeuge = await AllocatedWave.TownIdAsync(Factory, "Maubeuge");

        var user = new DistributionUser(null, IsStaff: true);
        foreach (var (wave, town, books, children) in new[] { (WaveA, Lens, 3, 25), (WaveB, Maubeuge, 2, 11) })
        {
            var received = await DeliveredWave.ReceivedByHandAsync(Factory, wave.WaveId, town);
            var bands = received.Where(r => r.Value >= books).Select(r => r.Key).Take(2).ToList();
            var rows = bands.Select((band, i) => new RowInput(DeliveredWave.Today, PlaceKind.EcoleElementaire, $"École n° {i + 1}", band, children + i, books - i, null)).ToList();
            await DeliveredWave.WithDistributionsAsync(Factory, d => d.AddRowsAsync(user, wave.WaveId, town, rows, DeliveredWave.NewKey()));
        }

        var maubeugeDifference = await Factory.WithDbAsync(db => db.ReceiptDifferences
            .Where(d => db.Cartons.Any(c => c.Id == d.CartonId && c.WaveId == WaveB.WaveId)).Select(d => d.Id).FirstAsync());
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceiptResolutions>().WriteOffAsync(maubeugeDifference, "Carton ouvert pendant le transport.");
        }
        var longAgo = DeliveredWave.Today.AddDays(-60);
        await Factory.WithDbAsync(db => db.Cartons.Where(c => c.WaveId == WaveB.WaveId && c.ReceivedOn != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReceivedOn, longAgo)));

        // Only rows the background jobs are done with are marked failed, so that no job overwrites the mark.
        var sentMail = await Wait.UntilAsync(
            () => Factory.WithDbAsync(db => db.OutboxEmails.Where(m => m.WaveId == WaveA.WaveId && m.Status == OutboxEmailStatus.Sent).Select(m => (int?)m.Id).FirstOrDefaultAsync()),
            id => id is not null);
        await Factory.WithDbAsync(db => db.OutboxEmails.Where(m => m.Id == sentMail)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxEmailStatus.Failed)));
        FailedSlipId = await Factory.WithDbAsync(db => db.WorkItems
            .Where(w => w.Group == PackingSlipWork.Group(WaveA.WaveId) && w.Status == WorkStatus.Done).Select(w => w.Id).FirstAsync());
        await Factory.WithDbAsync(db => db.WorkItems.Where(w => w.Id == FailedSlipId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkStatus.Failed).SetProperty(w => w.LastError, "Police introuvable")));
        await DashboardTestimonials.AddAsync(Factory, WaveA.WaveId, Lens);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Every dashboard figure computed a second way, from the ledger, the cartons and their differences, and the distribution rows.</summary>
public partial class ProgrammeFiguresTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private async Task<ProgrammeFigures.Dashboard> ComputeAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProgrammeFigures>().ComputeAsync();
    }

    /// <summary>The second way: raw rows loaded, summed in memory.</summary>
    private sealed record ByHand(
        Dictionary<(int Wave, int Band), long> Allocated, Dictionary<(int Wave, int Band), long> Shipped,
        Dictionary<(int Wave, int Band), long> Received, Dictionary<(int Wave, int Band), long> HandedOut,
        Dictionary<(int Wave, int Band), long> Children, Dictionary<int, long> OnHand, Dictionary<int, long> Reserved);

    private Task<ByHand> ByHandAsync() => app.Factory.WithDbAsync(async db =>
    {
        var movements = await db.StockMovements.AsNoTracking().ToListAsync();
        var titleBand = await db.Titles.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.AgeBandId);
        // The band a title counts towards in a delivery is the one it was allocated as.
        var allocationBand = (await db.AllocationLines.AsNoTracking().ToListAsync())
            .GroupBy(l => (l.WaveId, l.TownId, l.TitleId)).ToDictionary(g => g.Key, g => g.Single().AgeBandId);
        int BandOf(StockMovement m) => allocationBand[(m.WaveId!.Value, m.TownId!.Value, m.TitleId)];

        var replacedTitles = await db.ReceiptDifferences.AsNoTracking().CountAsync(d => d.Resolution == DifferenceResolution.Replaced);
        Assert.Equal(0, replacedTitles); // a replacement reserves again: the allocated figure below would then need it taken out

        // Allocated: what the ledger reserved for the wave and did not release.
        var allocated = movements.Where(m => m.WaveId != null && m.Kind is StockMovementKind.Reserved or StockMovementKind.Released)
            .GroupBy(m => (m.WaveId!.Value, BandOf(m))).ToDictionary(g => g.Key, g => g.Sum(m => (long)m.Quantity));
        var shipped = movements.Where(m => m.Kind == StockMovementKind.Shipped)
            .GroupBy(m => (m.WaveId!.Value, BandOf(m))).ToDictionary(g => g.Key, g => -g.Sum(m => (long)m.Quantity));

        var cartons = await db.Cartons.AsNoTracking().Include(c => c.Lines).Include(c => c.Differences).ToListAsync();
        var received = new Dictionary<(int, int), long>();
        foreach (var c in cartons.Where(c => c.ReceiptState is CartonReceiptState.Conforming or CartonReceiptState.WithDifferences))
        {
            foreach (var l in c.Lines)
            {
                received[(c.WaveId, l.AgeBandId)] = received.GetValueOrDefault((c.WaveId, l.AgeBandId)) + l.Quantity;
            }
            foreach (var d in c.Differences)
            {
                received[(c.WaveId, d.AgeBandId)] -= d.Quantity;
            }
        }

        var reports = await db.DistributionReports.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.WaveId);
        var rows = await db.DistributionRows.AsNoTracking().ToListAsync();
        var handedOut = rows.GroupBy(r => (reports[r.ReportId], r.AgeBandId)).ToDictionary(g => g.Key, g => g.Sum(r => (long)r.BooksHandedOut));
        var children = rows.GroupBy(r => (reports[r.ReportId], r.AgeBandId)).ToDictionary(g => g.Key, g => g.Sum(r => (long)r.ChildrenReached));

        // Stock: on hand moves with donations, adjustments and shipments; reserved with reservations, releases and shipments.
        var onHand = movements.Where(m => m.Kind is StockMovementKind.DonationReceived or StockMovementKind.Adjustment or StockMovementKind.Shipped)
            .GroupBy(m => titleBand[m.TitleId]).ToDictionary(g => g.Key, g => g.Sum(m => (long)m.Quantity));
        var reserved = movements.Where(m => m.Kind is StockMovementKind.Reserved or StockMovementKind.Released or StockMovementKind.Shipped)
            .GroupBy(m => titleBand[m.TitleId]).ToDictionary(g => g.Key, g => g.Sum(m => (long)m.Quantity));
        return new ByHand(allocated, shipped, received, handedOut, children, onHand, reserved);
    });

    [Fact]
    public async Task Every_figure_per_wave_and_band_agrees_with_the_ledger_the_cartons_and_the_distribution_rows()
    {
        var figures = await ComputeAsync();
        var byHand = await ByHandAsync();
        var waveTowns = await app.Factory.WithDbAsync(db => db.WaveTowns.AsNoTracking().Select(t => new { t.WaveId, t.TownId }).ToListAsync());

        Assert.Contains(figures.Waves, w => w.WaveId == app.WaveA.WaveId);
        foreach (var wave in figures.Waves)
        {
            var id = wave.WaveId!.Value;
            Assert.Equal(waveTowns.Count(t => t.WaveId == id), wave.Towns);
            foreach (var band in wave.Bands)
            {
                var key = (id, band.AgeBandId);
                Assert.Equal(byHand.Allocated.GetValueOrDefault(key), band.Allocated);
                Assert.Equal(byHand.Shipped.GetValueOrDefault(key), band.Shipped);
                Assert.Equal(byHand.Received.GetValueOrDefault(key), band.Received);
                Assert.Equal(byHand.HandedOut.GetValueOrDefault(key), band.HandedOut);
                Assert.Equal(byHand.Children.GetValueOrDefault(key), band.ChildrenReached);
            }
        }

        Assert.Equal(waveTowns.Select(t => t.TownId).Distinct().Count(), figures.Programme.Towns);
        foreach (var band in figures.Programme.Bands)
        {
            Assert.Equal(byHand.Allocated.Where(x => x.Key.Band == band.AgeBandId).Sum(x => x.Value), band.Allocated);
            Assert.Equal(byHand.Shipped.Where(x => x.Key.Band == band.AgeBandId).Sum(x => x.Value), band.Shipped);
            Assert.Equal(byHand.Received.Where(x => x.Key.Band == band.AgeBandId).Sum(x => x.Value), band.Received);
            Assert.Equal(byHand.HandedOut.Where(x => x.Key.Band == band.AgeBandId).Sum(x => x.Value), band.HandedOut);
            Assert.Equal(byHand.Children.Where(x => x.Key.Band == band.AgeBandId).Sum(x => x.Value), band.ChildrenReached);
        }
        foreach (var band in figures.Stock)
        {
            Assert.Equal(byHand.OnHand.GetValueOrDefault(band.AgeBandId), band.OnHand);
            Assert.Equal(byHand.Reserved.GetValueOrDefault(band.AgeBandId), band.Reserved);
            Assert.Equal(band.OnHand - band.Reserved, band.Available);
        }

        // The arranged state shows in the figures: what was allocated to wave 50, shipped in full, received less the
        // missing copies and the awaited carton, and the rows recorded.
        var a = figures.Waves.Single(w => w.WaveId == app.WaveA.WaveId);
        Assert.Equal(app.WaveA.Lines.Values.SelectMany(l => l).Sum(l => (long)l.Quantity), a.Allocated);
        Assert.Equal(a.Allocated, a.Shipped);
        var awaited = await app.Factory.WithDbAsync(db => db.Cartons.Where(c => c.WaveId == app.WaveA.WaveId && c.ReceiptState == CartonReceiptState.Awaiting)
            .SelectMany(c => c.Lines).SumAsync(l => (long)l.Quantity));
        Assert.True(awaited > 0);
        Assert.Equal(a.Shipped - awaited - DeliveredWave.MissingCopies, a.Received);
        Assert.Equal(3 + 2, a.HandedOut);
        Assert.Equal(25 + 26, a.ChildrenReached);
        var b = figures.Waves.Single(w => w.WaveId == app.WaveB.WaveId);
        Assert.Equal(b.Shipped - DeliveredWave.MissingCopies, b.Received);
    }

    [Fact]
    public async Task Completeness_counts_dispatched_towns_that_confirmed_recorded_and_did_so_on_time()
    {
        var figures = await ComputeAsync();

        // By hand from the shipments, the cartons recorded and the first distribution row of each town.
        var byHand = await app.Factory.WithDbAsync(async db =>
        {
            var shipments = await db.Shipments.AsNoTracking().ToListAsync();
            var cartons = await db.Cartons.AsNoTracking().ToListAsync();
            var reports = await db.DistributionReports.AsNoTracking().ToDictionaryAsync(p => p.Id, p => (p.WaveId, p.TownId));
            var rows = await db.DistributionRows.AsNoTracking().ToListAsync();
            return shipments.Select(s =>
            {
                var recorded = cartons.Where(c => c.WaveId == s.WaveId && c.TownId == s.TownId && c.ReceiptState != CartonReceiptState.Awaiting).ToList();
                var delivered = recorded.Select(c => c.ReceivedOn).Min() ?? s.ExpectedOn;
                var townRows = rows.Where(r => reports[r.ReportId] == (s.WaveId, s.TownId)).ToList();
                var onTime = recorded.Count > 0 && townRows.Count > 0
                    && DateOnly.FromDateTime(townRows.Min(r => r.RecordedAtUtc)) <= delivered.AddDays(30);
                return (s.WaveId, s.TownId, Confirmed: recorded.Count > 0, Recorded: townRows.Count > 0, OnTime: onTime,
                    Late: !onTime && DeliveredWave.Today > delivered.AddDays(30));
            }).ToList();
        });

        Assert.Equal(30, figures.OnTimeDays);
        Assert.Equal(byHand.Count, figures.ProgrammeCompleteness.DispatchedTowns);
        Assert.Equal(byHand.Count(t => t.Confirmed), figures.ProgrammeCompleteness.ConfirmedReceipt);
        Assert.Equal(byHand.Count(t => t.Recorded), figures.ProgrammeCompleteness.RecordedDistributions);
        Assert.Equal(byHand.Count(t => t.OnTime), figures.ProgrammeCompleteness.OnTime);
        foreach (var wave in figures.WaveCompleteness)
        {
            var towns = byHand.Where(t => t.WaveId == wave.WaveId).ToList();
            Assert.Equal((towns.Count, towns.Count(t => t.Confirmed), towns.Count(t => t.Recorded), towns.Count(t => t.OnTime)),
                (wave.DispatchedTowns, wave.ConfirmedReceipt, wave.RecordedDistributions, wave.OnTime));
        }
        Assert.Equal(byHand.Where(t => t.Late).Select(t => (t.WaveId, t.TownId)).Order(), figures.LateTowns.Select(t => (t.WaveId, t.TownId)).Order());

        // The arranged towns: Lens on time, Boulogne confirmed without rows yet (not late), Maubeuge recorded 60 days after delivery.
        var a = figures.WaveCompleteness.Single(c => c.WaveId == app.WaveA.WaveId);
        Assert.Equal((2, 2, 1, 1), (a.DispatchedTowns, a.ConfirmedReceipt, a.RecordedDistributions, a.OnTime));
        var b = figures.WaveCompleteness.Single(c => c.WaveId == app.WaveB.WaveId);
        Assert.Equal((1, 1, 1, 0), (b.DispatchedTowns, b.ConfirmedReceipt, b.RecordedDistributions, b.OnTime));
        var late = Assert.Single(figures.LateTowns, t => t.WaveId == app.WaveB.WaveId);
        Assert.Equal((app.Maubeuge, true, true), (late.TownId, late.ReceiptConfirmed, late.DistributionsRecorded));
        Assert.DoesNotContain(figures.LateTowns, t => t.TownId == app.Boulogne || t.TownId == app.Lens);
    }

    [Fact]
    public async Task Attention_counts_open_differences_failed_mails_and_failed_slips_per_wave()
    {
        var figures = await ComputeAsync();
        var (open, failedMails, failedWork) = await app.Factory.WithDbAsync(async db => (
            (await db.ReceiptDifferences.AsNoTracking().ToListAsync()).Count(d => d.IsOpen),
            (await db.OutboxEmails.AsNoTracking().ToListAsync()).Count(m => m.Status == OutboxEmailStatus.Failed),
            (await db.WorkItems.AsNoTracking().ToListAsync()).Where(w => w.Status == WorkStatus.Failed).ToList()));

        // Lens's missing copies stay open; Maubeuge's were written off.
        Assert.True(open >= 1);
        Assert.Equal(open, figures.Attention.OpenDifferences);
        Assert.True(failedMails >= 1);
        Assert.Equal(failedMails, figures.Attention.FailedMails);
        Assert.Equal(failedWork.Count, figures.Attention.FailedWorkCount);
        var slips = Assert.Single(figures.Attention.FailedWork, w => w.Kind == PackingSlipWork.WorkKind && w.WaveId == app.WaveA.WaveId);
        Assert.Equal(1, slips.Count);
    }

    [Fact]
    public void Work_groups_name_their_wave()
    {
        Assert.Equal(7, ProgrammeFigures.WaveOfGroup(PackingSlipWork.Group(7)));
        Assert.Equal(12, ProgrammeFigures.WaveOfGroup(AcknowledgementWork.Group(12)));
        Assert.Null(ProgrammeFigures.WaveOfGroup("mail"));
    }

    [Fact]
    public void On_time_days_outside_one_to_a_year_are_refused_with_a_french_message()
    {
        var validator = new ReportingOptionsValidator();
        Assert.True(validator.Validate(null, new ReportingOptions()).Succeeded);
        var failed = validator.Validate(null, new ReportingOptions { OnTimeDays = 0 });
        Assert.True(failed.Failed);
        Assert.Contains("Reporting:OnTimeDays doit être un nombre de jours", failed.FailureMessage);
        Assert.True(validator.Validate(null, new ReportingOptions { OnTimeDays = 366 }).Failed);
    }

    [Fact]
    public async Task Staff_home_shows_the_figures_in_captioned_tables_with_links_to_act()
    {
        var figures = await ComputeAsync();
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync("/Staff");

        static long Figure(AngleSharp.Dom.IElement row, string name) =>
            long.Parse(new string(row.QuerySelector($"[data-figure='{name}']")!.TextContent.Where(char.IsDigit).ToArray()));

        var waves = page.QuerySelector("table#figures-waves")!;
        Assert.False(string.IsNullOrWhiteSpace(waves.QuerySelector("caption")?.TextContent));
        Assert.All(waves.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        var a = figures.Waves.Single(w => w.WaveId == app.WaveA.WaveId);
        var row = waves.QuerySelector($"tbody tr[data-wave-id='{app.WaveA.WaveId}']")!;
        Assert.Equal("row", row.QuerySelector("th")!.GetAttribute("scope"));
        Assert.Equal((a.Towns, a.Allocated, a.Shipped, a.Received, a.HandedOut, a.ChildrenReached),
            ((int)Figure(row, "towns"), Figure(row, "allocated"), Figure(row, "shipped"), Figure(row, "received"), Figure(row, "handed-out"), Figure(row, "children")));
        var total = waves.QuerySelector("tfoot tr[data-programme]")!;
        Assert.Equal((figures.Programme.Allocated, figures.Programme.Received, figures.Programme.HandedOut),
            (Figure(total, "allocated"), Figure(total, "received"), Figure(total, "handed-out")));

        var bands = page.QuerySelector($"table#bands-wave-{app.WaveA.WaveId}")!;
        foreach (var band in a.Bands)
        {
            var bandRow = bands.QuerySelector($"tbody tr[data-band-id='{band.AgeBandId}']")!;
            Assert.Equal((band.Received, band.HandedOut), (Figure(bandRow, "received"), Figure(bandRow, "handed-out")));
        }
        var stock = page.QuerySelector("table#stock-bands")!;
        var firstStock = figures.Stock[0];
        Assert.Equal(firstStock.Available, Figure(stock.QuerySelector($"tr[data-band-id='{firstStock.AgeBandId}']")!, "available"));

        var completeness = page.QuerySelector("table#completeness")!;
        Assert.NotNull(completeness.QuerySelector("caption"));
        Assert.Equal(figures.ProgrammeCompleteness.OnTime.ToString(),
            completeness.QuerySelector("tfoot [data-figure='on-time']")!.GetAttribute("data-count"));
        var late = page.QuerySelector($"table#late-towns tr[data-town-id='{app.Maubeuge}']")!;
        Assert.Equal($"/Staff/Distributions/{app.WaveB.WaveId}/{app.Maubeuge}", late.QuerySelector("a")!.GetAttribute("href"));

        Assert.Equal("/Staff/Receipts/Differences", page.QuerySelector("#attention-differences a")!.GetAttribute("href"));
        Assert.Contains(figures.Attention.OpenDifferences.ToString(), page.QuerySelector("#attention-differences .count")!.TextContent);
        Assert.NotNull(page.QuerySelector("#failed-mails a[href='/Staff/Mail?status=Failed']"));
        Assert.Equal("/Staff/Mail?status=Failed", page.QuerySelector("#attention-mails a")!.GetAttribute("href"));
        var slip = page.QuerySelector($"#attention li[data-kind='{PackingSlipWork.WorkKind}'][data-wave-id='{app.WaveA.WaveId}'] a")!;
        Assert.Equal($"/Staff/Packing/{app.WaveA.WaveId}", slip.GetAttribute("href"));
    }

    [Fact]
    public async Task Coordinator_cannot_open_the_staff_dashboard()
    {
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var response = await lens.GetAsync("/Staff");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("figures-waves", await response.Content.ReadAsStringAsync());
    }
}
