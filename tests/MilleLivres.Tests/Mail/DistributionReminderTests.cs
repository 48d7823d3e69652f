using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Mail;
using MilleLivres.Tests.Distribution;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MilleLivres.Tests.Mail;

/// <summary>
/// The daily distribution reminder, computed from the state of real deliveries (received three days ago by the real
/// receipt service) with a fake clock moved to the days after receipt that matter (default settings: .eml files).
/// </summary>
public class DistributionReminderTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    private static readonly DistributionUser Staff = new(null, IsStaff: true);

    /// <summary>Runs the rule as the daily job would, on the day <paramref name="days"/> after <paramref name="receivedOn"/>.</summary>
    private async Task<int> RunOnDayAsync(DateOnly receivedOn, int days)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(receivedOn.AddDays(days).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var reminders = new DistributionReminders(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            scope.ServiceProvider.GetRequiredService<IMailScheduler>(), clock);
        return await reminders.RunAsync();
    }

    private Task<List<OutboxEmail>> RemindersAsync(int waveId, int townId) => app.Factory.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
        .Where(m => m.WaveId == waveId && m.TownId == townId && m.Kind == OutboxEmailKind.DistributionReminder).OrderBy(m => m.Id).ToListAsync());

    private Task<int> ShipmentIdAsync(int waveId, int townId) =>
        app.Factory.WithDbAsync(db => db.Shipments.Where(s => s.WaveId == waveId && s.TownId == townId).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task No_distribution_gets_a_reminder_at_30_days_and_another_at_60_and_no_more()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var wave = await DeliveredWave.CreateAsync(app.Factory, staff, 70, new Dictionary<string, int> { ["Lens"] = 2 }, receiveAll: true);
        var town = wave.Lines.Keys.Single();
        var shipmentId = await ShipmentIdAsync(wave.WaveId, town);
        Assert.Equal(wave.ReceivedOn, await app.Factory.WithDbAsync(db => db.Shipments.Where(s => s.Id == shipmentId).Select(s => s.ReceivedOn).SingleAsync()));

        Assert.Equal(0, await RunOnDayAsync(wave.ReceivedOn, 29));
        Assert.Empty(await RemindersAsync(wave.WaveId, town));

        // Day 30: one reminder, even when the job runs twice at once.
        await Task.WhenAll(RunOnDayAsync(wave.ReceivedOn, 30), RunOnDayAsync(wave.ReceivedOn, 30));
        var first = Assert.Single(await RemindersAsync(wave.WaveId, town));
        Assert.Equal(DistributionReminders.Key(shipmentId, 1), first.DeduplicationKey);
        var coordinator = await app.Factory.WithDbAsync(db => db.Towns.SingleAsync(t => t.Id == town));
        Assert.Equal(DeliveryMails.Recipient(coordinator), first.Recipient);
        Assert.Equal(shipmentId, first.ShipmentId);

        foreach (var day in new[] { 31, 45, 59 })
        {
            Assert.Equal(0, await RunOnDayAsync(wave.ReceivedOn, day));
        }
        Assert.Single(await RemindersAsync(wave.WaveId, town));

        Assert.Equal(1, await RunOnDayAsync(wave.ReceivedOn, 60));
        var both = await RemindersAsync(wave.WaveId, town);
        Assert.Equal(2, both.Count);
        Assert.Equal(DistributionReminders.Key(shipmentId, 2), both[1].DeduplicationKey);
        foreach (var day in new[] { 60, 61, 90, 200 })
        {
            Assert.Equal(0, await RunOnDayAsync(wave.ReceivedOn, day));
        }
        Assert.Equal(2, (await RemindersAsync(wave.WaveId, town)).Count);

        // The mails go out like the others (due now rather than at the fake day), and show on the town's deliveries page.
        await app.Factory.WithDbAsync(db => db.OutboxEmails.Where(m => m.Id == first.Id || m.Id == both[1].Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        app.Factory.Services.GetRequiredService<IMailScheduler>().SendSoon();
        var sent = await MailRows.WaitAsync(app.Factory, m => m.Id == first.Id, m => m.Status == OutboxEmailStatus.Sent);
        Assert.Equal($"Relance : où en est la distribution des livres ? — Lens, vague 70", sent.Subject);
        Assert.Contains("il y a au moins 30 jours", sent.TextBody);
        Assert.Contains($"/Coordinator/Distributions/{wave.WaveId}/{town}", sent.TextBody);
        var second = await MailRows.WaitAsync(app.Factory, m => m.Id == both[1].Id, m => m.Status == OutboxEmailStatus.Sent);
        Assert.Contains("il y a au moins 60 jours", second.TextBody);

        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var page = await lens.GetDocumentAsync("/Coordinator/Delivery");
        var notices = page.QuerySelector($"section.delivery[data-town='{town}'][data-wave='{wave.WaveId}'] ul.notices")!;
        Assert.NotNull(notices.QuerySelector($"li[data-mail='{first.Id}']"));
        Assert.Contains("Relance : où en est la distribution des livres ? — Lens, vague 70", notices.TextContent);
    }

    [Fact]
    public async Task A_recorded_distribution_a_finished_report_or_paused_reminders_stop_the_reminders()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var wave = await DeliveredWave.CreateAsync(app.Factory, staff, 71,
            new Dictionary<string, int> { ["Lens"] = 2, ["Chanteloup-les-Vignes"] = 2, ["Rennes"] = 2, ["Maubeuge"] = 2 }, receiveAll: true);
        var names = await app.Factory.WithDbAsync(db => db.Towns.Where(t => wave.Lines.Keys.Contains(t.Id)).ToDictionaryAsync(t => t.Name));
        foreach (var t in names.Values)
        {
            // Every town has a coordinator address: "no reminder" below is the rule's doing, not a missing recipient.
            Assert.NotNull(DeliveryMails.Recipient(t));
        }
        int Town(string name) => names[name].Id;

        // Maubeuge records its distribution and marks its report finished; Rennes's reminders are paused by staff.
        await RecordRowAsync(wave.WaveId, Town("Maubeuge"));
        await DeliveredWave.WithDistributionsAsync(app.Factory, d => d.FinishAsync(Staff, wave.WaveId, Town("Maubeuge"), "Livres remis lors d'une fête de quartier."));
        var rennesShipment = await ShipmentIdAsync(wave.WaveId, Town("Rennes"));
        await app.Factory.WithDbAsync(async db =>
        {
            (await db.Shipments.SingleAsync(s => s.Id == rennesShipment)).PauseReminders();
            await db.SaveChangesAsync();
        });

        Assert.Equal(2, await RunOnDayAsync(wave.ReceivedOn, 30));
        Assert.Single(await RemindersAsync(wave.WaveId, Town("Lens")));
        Assert.Single(await RemindersAsync(wave.WaveId, Town("Chanteloup-les-Vignes")));
        Assert.Empty(await RemindersAsync(wave.WaveId, Town("Maubeuge")));
        Assert.Empty(await RemindersAsync(wave.WaveId, Town("Rennes")));

        // Chanteloup records a distribution row: no reminder at 60 days; Lens, still without one, gets its second.
        await RecordRowAsync(wave.WaveId, Town("Chanteloup-les-Vignes"));

        Assert.Equal(1, await RunOnDayAsync(wave.ReceivedOn, 60));
        Assert.Equal(2, (await RemindersAsync(wave.WaveId, Town("Lens"))).Count);
        Assert.Single(await RemindersAsync(wave.WaveId, Town("Chanteloup-les-Vignes")));
        Assert.Empty(await RemindersAsync(wave.WaveId, Town("Maubeuge")));
        Assert.Empty(await RemindersAsync(wave.WaveId, Town("Rennes")));
    }

    private async Task RecordRowAsync(int waveId, int townId)
    {
        var band = (await DeliveredWave.ReceivedByHandAsync(app.Factory, waveId, townId)).First(r => r.Value >= 1).Key;
        Assert.Equal(1, await DeliveredWave.WithDistributionsAsync(app.Factory, d => d.AddRowsAsync(Staff, waveId, townId,
            [new RowInput(DeliveredWave.Today, PlaceKind.Mediatheque, "Médiathèque Jean-Macé", band, 10, 1, null)], DeliveredWave.NewKey())));
    }
}
