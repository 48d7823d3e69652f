using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Mail;
using MilleLivres.Tests.Dispatch;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Mail;

/// <summary>The daily reminder rule, computed from the shipments' state (default settings: .eml files).</summary>
public class ReceiptReminderTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    private async Task<int> RunAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReceiptReminders>().RunAsync();
    }

    private Task<List<OutboxEmail>> RemindersAsync(int shipmentId) => app.Factory.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
        .Where(m => m.ShipmentId == shipmentId && m.Kind == OutboxEmailKind.ReceiptReminder).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task A_late_delivery_gets_at_most_one_reminder_a_week_three_times_and_none_when_paused()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, 50, new Dictionary<string, int> { ["Chanteloup-les-Vignes"] = 2 });
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string>(), "form#dispatch")).StatusCode);
        var shipmentId = await app.Factory.WithDbAsync(db => db.Shipments.Where(s => s.WaveId == waveId).Select(s => s.Id).SingleAsync());

        // Expected yesterday: not late enough yet (5 days by default).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await SetDatesAsync(shipmentId, today.AddDays(-3), today.AddDays(-1));
        await RunAsync();
        Assert.Empty(await RemindersAsync(shipmentId));

        await SetDatesAsync(shipmentId, today.AddDays(-12), today.AddDays(-6));
        await Task.WhenAll(RunAsync(), RunAsync());
        var first = Assert.Single(await RemindersAsync(shipmentId));
        Assert.Equal(ReceiptReminders.Key(shipmentId, 1), first.DeduplicationKey);
        Assert.Equal("francoise.loeuvre@example.fr", first.Recipient);
        await RunAsync();
        Assert.Single(await RemindersAsync(shipmentId));

        // A week later, a second; then a third; never a fourth.
        for (var n = 2; n <= 4; n++)
        {
            await AgeRemindersAsync(shipmentId, TimeSpan.FromDays(8));
            await RunAsync();
            Assert.Equal(Math.Min(n, ReceiptReminders.MaxReminders), (await RemindersAsync(shipmentId)).Count);
        }
        var sent = await MailRows.WaitAsync(app.Factory, m => m.Id == first.Id, m => m.Status == OutboxEmailStatus.Sent);
        Assert.StartsWith("Relance : avez-vous reçu les livres ? — Chanteloup-les-Vignes", sent.Subject);

        // Staff pause the reminders from the dispatch page (the rule skips paused shipments: next test).
        var page = await staff.GetDocumentAsync($"/Staff/Dispatch/{waveId}");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(page, new Dictionary<string, string>(), "form.reminders")).StatusCode);
        Assert.True(await app.Factory.WithDbAsync(db => db.Shipments.Where(s => s.Id == shipmentId).Select(s => s.RemindersPaused).SingleAsync()));
        Assert.Equal("Relances suspendues.", (await staff.GetDocumentAsync($"/Staff/Dispatch/{waveId}")).QuerySelector(".reminders-state")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_paused_or_received_delivery_gets_no_reminder()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, 51, new Dictionary<string, int> { ["Hérouville-Saint-Clair"] = 2, ["Saint-Étienne-du-Rouvray"] = 2 });
        await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string>(), "form#dispatch");
        var shipments = await app.Factory.WithDbAsync(db => db.Shipments.Where(s => s.WaveId == waveId).OrderBy(s => s.Id).ToListAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var s in shipments)
        {
            await SetDatesAsync(s.Id, today.AddDays(-20), today.AddDays(-15));
        }
        await app.Factory.WithDbAsync(async db =>
        {
            var paused = await db.Shipments.SingleAsync(s => s.Id == shipments[0].Id);
            paused.PauseReminders();
            var received = await db.Shipments.SingleAsync(s => s.Id == shipments[1].Id);
            received.MarkReceived(today.AddDays(-14));
            await db.SaveChangesAsync();
        });
        await RunAsync();
        Assert.Empty(await RemindersAsync(shipments[0].Id));
        Assert.Empty(await RemindersAsync(shipments[1].Id));
    }

    private Task SetDatesAsync(int shipmentId, DateOnly dispatched, DateOnly expected) => app.Factory.WithDbAsync(db =>
        db.Shipments.Where(s => s.Id == shipmentId).ExecuteUpdateAsync(u => u.SetProperty(s => s.DispatchedOn, dispatched).SetProperty(s => s.ExpectedOn, expected)));

    private Task AgeRemindersAsync(int shipmentId, TimeSpan by) => app.Factory.WithDbAsync(async db =>
    {
        foreach (var m in await db.OutboxEmails.Where(m => m.ShipmentId == shipmentId && m.Kind == OutboxEmailKind.ReceiptReminder).ToListAsync())
        {
            await db.OutboxEmails.Where(x => x.Id == m.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAtUtc, m.CreatedAtUtc - by));
        }
    });
}
