using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Mail;
using MilleLivres.Tests.Dispatch;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Mail;

/// <summary>Faults with a real SMTP server on loopback: down then back, a restart, the sender run twice at once.</summary>
public class MailFaultTests
{
    private static async Task<int> DispatchAsync(MailAppFactory factory, HttpClient staff, int waveId)
    {
        var response = await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string>(), "form#dispatch");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.WithDbAsync(db => db.Shipments.Where(s => s.WaveId == waveId).Select(s => s.Id).SingleAsync());
    }

    [Fact]
    public async Task A_server_down_when_the_notice_is_due_is_retried_and_the_notice_is_delivered_once_when_it_is_back()
    {
        await using var smtp = new SmtpTestServer(); // not started: connection refused
        using var factory = new MailAppFactory(smtp.Port);
        await factory.SeededAsync();
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(factory, staff, 40, new Dictionary<string, int> { ["Rennes"] = 3 });
        var shipmentId = await DispatchAsync(factory, staff, waveId);

        var failing = await MailRows.WaitAsync(factory, m => m.ShipmentId == shipmentId, m => m.Attempts >= 2 && m.Status == OutboxEmailStatus.Pending);
        Assert.Contains("Serveur injoignable", failing.LastError);
        Assert.True(failing.NextAttemptAtUtc > failing.CreatedAtUtc);
        Assert.Empty(smtp.Messages);

        smtp.Start();
        var sent = await MailRows.WaitAsync(factory, m => m.ShipmentId == shipmentId, m => m.Status == OutboxEmailStatus.Sent);
        Assert.Equal(failing.MessageId, sent.MessageId);
        Assert.Single(smtp.Messages, m => m.MessageId == sent.MessageId);

        // Running the sender again sends nothing more.
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<MailSender>().SendDueAsync());
        Assert.Single(smtp.Messages, m => m.MessageId == sent.MessageId);
    }

    [Fact]
    public async Task The_app_restarted_between_dispatch_and_send_delivers_the_notice_once()
    {
        await using var smtp = new SmtpTestServer().Start();
        // The last host owns the folder (a factory deletes its own folder when disposed); the others borrow it.
        using var restarted = new MailAppFactory(smtp.Port);
        var dataDirectory = restarted.DataDirectory;
        int waveId;
        using (var first = new MailAppFactory(smtp.Port, sharedDataDirectory: dataDirectory))
        {
            await first.SeededAsync();
            var staff = await first.SignedInClientAsync(Http.StaffEmail);
            (waveId, _) = await PackedWave.CreateAsync(first, staff, 41, new Dictionary<string, int> { ["Maubeuge"] = 3 });
        }
        int shipmentId;
        // No job server: the dispatch commits its notice, and the process stops before any send.
        using (var dispatching = new MailAppFactory(smtp.Port, runServer: false, sharedDataDirectory: dataDirectory))
        {
            var staff = await dispatching.SignedInClientAsync(Http.StaffEmail);
            shipmentId = await DispatchAsync(dispatching, staff, waveId);
            var pending = await dispatching.WithDbAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.ShipmentId == shipmentId));
            Assert.Equal(OutboxEmailStatus.Pending, pending.Status);
        }
        Assert.Empty(smtp.Messages);

        _ = restarted.Services;
        var sent = await MailRows.WaitAsync(restarted, m => m.ShipmentId == shipmentId, m => m.Status == OutboxEmailStatus.Sent);
        var message = await smtp.WaitForAsync(m => m.MessageId == sent.MessageId);
        Assert.StartsWith("Vos livres sont en route — Maubeuge", message.Subject);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task The_sender_run_twice_at_the_same_time_sends_each_mail_once_over_one_connection()
    {
        await using var smtp = new SmtpTestServer().Start();
        using var app = new MailAppFactory(smtp.Port, runServer: false);
        var dataDirectory = app.DataDirectory;
        int waveId;
        using (var first = new MailAppFactory(smtp.Port, sharedDataDirectory: dataDirectory))
        {
            await first.SeededAsync();
            var staff = await first.SignedInClientAsync(Http.StaffEmail);
            (waveId, _) = await PackedWave.CreateAsync(first, staff, 42,
                new Dictionary<string, int> { ["Grigny"] = 2, ["Bondy"] = 2, ["Lormont"] = 2, ["Trappes"] = 2 });
        }
        var client = await app.SignedInClientAsync(Http.StaffEmail);
        await client.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string>(), "form#dispatch");
        Assert.Equal(4, await app.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.WaveId == waveId && m.Status == OutboxEmailStatus.Pending)));

        async Task<int> RunAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MailSender>().SendDueAsync();
        }
        var runs = await Task.WhenAll(RunAsync(), RunAsync());
        Assert.Equal(4, runs.Sum());
        Assert.Equal(4, smtp.Messages.Count);
        Assert.Equal(4, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(0, await RunAsync());
        Assert.Equal(4, smtp.Messages.Count);
        // Each run sent its claimed batch over one connection.
        Assert.InRange(smtp.Sessions, 1, 2);
        Assert.Equal(4, await app.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.WaveId == waveId && m.Status == OutboxEmailStatus.Sent && m.Attempts == 1)));
    }
}
