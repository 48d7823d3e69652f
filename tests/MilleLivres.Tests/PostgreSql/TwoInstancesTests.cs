using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Mail;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Dispatch;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.PostgreSql;

/// <summary>
/// Two instances of the app on one PostgreSQL database, both running their job servers on Hangfire's PostgreSQL
/// storage, sending to one real SMTP server that counts (ADR 0900). A wave is packed through the first instance and
/// dispatched through the second.
/// </summary>
public sealed class TwoInstancesApp : IAsyncLifetime
{
    public static readonly Dictionary<string, int> Towns = new() { ["Grigny"] = 2, ["Bondy"] = 2, ["Lormont"] = 2, ["Trappes"] = 2 };

    public SmtpTestServer Smtp { get; } = new();

    public string ConnectionString { get; private set; } = "";

    public MailAppFactory First { get; private set; } = null!;

    public MailAppFactory Second { get; private set; } = null!;

    public int WaveId { get; private set; }

    public int ShipmentId { get; private set; }

    public async Task InitializeAsync()
    {
        Smtp.Start();
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        First = new MailAppFactory(Smtp.Port) { PostgreSqlConnectionString = ConnectionString };
        Second = new MailAppFactory(Smtp.Port) { PostgreSqlConnectionString = ConnectionString };
        await First.SeededAsync();
        _ = Second.Services;
        var staffOnFirst = await First.SignedInClientAsync(Http.StaffEmail);
        (WaveId, _) = await PackedWave.CreateAsync(First, staffOnFirst, 47, Towns);
        var staffOnSecond = await Second.SignedInClientAsync(Http.StaffEmail);
        var response = await staffOnSecond.SubmitFormAsync($"/Staff/Dispatch/{WaveId}", new Dictionary<string, string>(), "form#dispatch");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        ShipmentId = await First.WithDbAsync(db => db.Shipments.Where(s => s.WaveId == WaveId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
    }

    /// <summary>Adds <paramref name="count"/> receipt reminders about the wave's first shipment, each to its own address.</summary>
    public Task<List<string>> AddMailsAsync(string prefix, int count) => First.WithDbAsync(async db =>
    {
        var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == ShipmentId);
        var now = DateTime.UtcNow;
        var recipients = Enumerable.Range(0, count).Select(i => $"{prefix}-{i}@ville.example").ToList();
        db.OutboxEmails.AddRange(recipients.Select(r => OutboxEmail.About(OutboxEmailKind.ReceiptReminder, r, null, now,
            shipment.TownId, shipment.WaveId, shipment.Id, deduplicationKey: "test:" + r)));
        await db.SaveChangesAsync();
        return recipients;
    });

    public async Task DisposeAsync()
    {
        Second.Dispose();
        First.Dispose();
        await Smtp.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}

public class TwoInstancesTests(TwoInstancesApp app) : IClassFixture<TwoInstancesApp>
{
    private static Task<int> SendDueAsync(AppFactory instance) => Task.Run(async () =>
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailSender>().SendDueAsync();
    });

    [Fact]
    public async Task Each_packing_slip_of_the_wave_is_produced_once_by_the_two_job_servers()
    {
        var group = PackingSlipWork.Group(app.WaveId);
        var work = await app.Second.WithDbAsync(db => db.WorkItems.AsNoTracking().Where(w => w.Group == group).ToListAsync());
        Assert.Equal(TwoInstancesApp.Towns.Count, work.Count);
        Assert.All(work, w => Assert.Equal((WorkStatus.Done, 1), (w.Status, w.Attempts)));
        var slips = await app.Second.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.WaveId == app.WaveId)
            .GroupBy(d => d.TownId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(TwoInstancesApp.Towns.Count, slips.Count);
        Assert.All(slips, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task The_delivery_notices_of_a_dispatch_are_each_delivered_once()
    {
        var towns = TwoInstancesApp.Towns.Count;
        await Wait.ForAsync(() => app.First.WithDbAsync(db => db.OutboxEmails.CountAsync(m =>
            m.WaveId == app.WaveId && m.Kind == OutboxEmailKind.DeliveryNotice && m.Status == OutboxEmailStatus.Sent)).ContinueWith(t => t.Result == towns),
            "the delivery notices sent");
        var notices = app.Smtp.Messages.Where(m => m.Subject?.StartsWith("Vos livres sont en route", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(towns, notices.Count);
        Assert.Equal(towns, notices.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Many_mails_sent_by_two_instances_at_once_are_each_delivered_exactly_once()
    {
        // 300, not 1000 as before (ADR 0546): the count is only a load. Three batches of Mail:BatchSize (100) for four
        // senders called at once plus two job servers still make them race for the same rows, so a batch claimed
        // twice, or a mail sent twice, still fails the distinct-count and Attempts == 1 assertions below.
        const int count = 300;
        var recipients = (await app.AddMailsAsync("mille", count)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Both instances send at the same time, twice each, while their job servers may send too.
        await Task.WhenAll(SendDueAsync(app.First), SendDueAsync(app.Second), SendDueAsync(app.First), SendDueAsync(app.Second));
        await Wait.ForAsync(() => app.First.WithDbAsync(db => db.OutboxEmails.CountAsync(m =>
            m.DeduplicationKey!.StartsWith("test:mille-") && m.Status == OutboxEmailStatus.Sent)).ContinueWith(t => t.Result == count),
            "the mails sent");

        var delivered = app.Smtp.Messages.SelectMany(m => m.To.Mailboxes.Select(b => b.Address)).Where(recipients.Contains).ToList();
        Assert.Equal(count, delivered.Count);
        Assert.Equal(count, delivered.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(count, await app.First.WithDbAsync(db => db.OutboxEmails.CountAsync(m =>
            m.DeduplicationKey!.StartsWith("test:mille-") && m.Attempts == 1)));
    }

    [Fact]
    public async Task A_batch_claimed_by_an_instance_killed_before_sending_is_sent_once_by_another_after_the_claim_lease()
    {
        // A third instance, without a job server, writes 150 mails and claims them in the same transaction (so the live
        // servers cannot take them first), exactly as its sender's claim does; then it is killed before sending.
        var killed = new MailAppFactory(app.Smtp.Port, runServer: false) { PostgreSqlConnectionString = app.ConnectionString };
        var recipients = Enumerable.Range(0, 150).Select(i => $"coupure-{i}@ville.example").ToHashSet(StringComparer.OrdinalIgnoreCase);
        await killed.WithDbAsync(async db =>
        {
            var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == app.ShipmentId);
            var now = DateTime.UtcNow;
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.OutboxEmails.AddRange(recipients.Select(r => OutboxEmail.About(OutboxEmailKind.ReceiptReminder, r, null, now,
                shipment.TownId, shipment.WaveId, shipment.Id, deduplicationKey: "test:" + r)));
            await db.SaveChangesAsync();
            await db.OutboxEmails.Where(m => m.DeduplicationKey!.StartsWith("test:coupure-"))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxEmailStatus.Sending)
                    .SetProperty(m => m.ClaimToken, "killed-instance").SetProperty(m => m.ClaimedUntilUtc, now + MailSender.ClaimLease));
            await transaction.CommitAsync();
        });
        killed.Dispose();
        const int claimed = 150;

        // While the claim holds, the live instances leave those rows alone and send the rest.
        await Task.WhenAll(SendDueAsync(app.First), SendDueAsync(app.Second));
        var stillClaimed = await app.First.WithDbAsync(db => db.OutboxEmails.CountAsync(m =>
            m.DeduplicationKey!.StartsWith("test:coupure-") && m.Status == OutboxEmailStatus.Sending));
        Assert.Equal(claimed, stillClaimed);

        // The lease runs out (moved into the past here, as the ten minutes would). Both live instances then race for
        // the rows: each is taken back and sent by one of them only. (A fake clock on one instance would not do: the
        // other instances' fresh claims would look expired to it, which no instance with a true clock ever sees.)
        await app.First.WithDbAsync(db => db.OutboxEmails.Where(m => m.ClaimToken == "killed-instance")
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntilUtc, DateTime.UtcNow - TimeSpan.FromMinutes(1))));
        await Task.WhenAll(SendDueAsync(app.First), SendDueAsync(app.Second), SendDueAsync(app.First), SendDueAsync(app.Second));
        await Wait.ForAsync(() => app.First.WithDbAsync(db => db.OutboxEmails.CountAsync(m =>
            m.DeduplicationKey!.StartsWith("test:coupure-") && m.Status == OutboxEmailStatus.Sent)).ContinueWith(t => t.Result == 150),
            "the 150 mails sent");
        var delivered = app.Smtp.Messages.SelectMany(m => m.To.Mailboxes.Select(b => b.Address)).Where(recipients.Contains).ToList();
        Assert.Equal(150, delivered.Count);
        Assert.Equal(150, delivered.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
