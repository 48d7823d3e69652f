using System.Net.Sockets;
using MailKit.Net.Smtp;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MilleLivres.Core.Mail;

/// <summary>
/// Sends the due outbox rows. Claims them first (Pending → Sending with a claim token, in one conditional UPDATE, so two
/// runs at the same time never take the same row), sends them over one connection, and records each outcome: sent;
/// a transient failure (connection refused, time-out, 4xx) → pending again after a growing delay, for a day; a 5xx
/// reply → failed with the server's words. Safe to run twice: the second run finds nothing due.
/// </summary>
public sealed class MailSender(AppDbContext db, MailBuilder builder, IMailTransport transport, IMailScheduler scheduler,
    IOptions<MailOptions> options, TimeProvider clock, ILogger<MailSender> logger)
{
    /// <summary>A claimed row not finished by then (the app stopped) is due again.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            sent += await SendBatchAsync(batch, ct);
            if (batch.Count < options.Value.BatchSize)
            {
                break;
            }
        }
        var next = await db.OutboxEmails.AsNoTracking().Where(m => m.Status == OutboxEmailStatus.Pending)
            .OrderBy(m => m.NextAttemptAtUtc).Select(m => (DateTime?)m.NextAttemptAtUtc).FirstOrDefaultAsync(CancellationToken.None);
        if (next is { } at)
        {
            scheduler.SendAt(at);
        }
        return sent;
    }

    /// <summary>
    /// At start-up: rows left "sending" by a stop are due again. On SQLite one instance runs the jobs, so every such row
    /// was this instance's; on PostgreSQL other instances may be sending theirs right now, so only claims whose lease ran
    /// out are taken back (ADR 0900).
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        var sharedDatabase = Data.SqlDialect.Of(db).IsPostgreSql;
        var now = Now;
        await db.OutboxEmails.Where(m => m.Status == OutboxEmailStatus.Sending && (!sharedDatabase || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxEmailStatus.Pending)
                .SetProperty(m => m.ClaimToken, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), ct);
        return await db.OutboxEmails.CountAsync(m => m.Status == OutboxEmailStatus.Pending, ct);
    }

    internal async Task<List<OutboxEmail>> ClaimAsync(CancellationToken ct)
    {
        var now = Now;
        var token = Guid.NewGuid().ToString("N");
        var until = now + ClaimLease;
        var candidates = await db.OutboxEmails.AsNoTracking()
            .Where(m => (m.Status == OutboxEmailStatus.Pending && m.NextAttemptAtUtc <= now)
                || (m.Status == OutboxEmailStatus.Sending && m.ClaimedUntilUtc < now))
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(options.Value.BatchSize).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }
        // The WHERE clause repeats the condition: a row another run claimed in between is left to it.
        await db.OutboxEmails
            .Where(m => candidates.Contains(m.Id)
                && ((m.Status == OutboxEmailStatus.Pending && m.NextAttemptAtUtc <= now)
                    || (m.Status == OutboxEmailStatus.Sending && m.ClaimedUntilUtc < now)))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxEmailStatus.Sending)
                .SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntilUtc, until), ct);
        return await db.OutboxEmails.Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task<int> SendBatchAsync(List<OutboxEmail> batch, CancellationToken ct)
    {
        var sent = 0;
        IMailConnection? connection = null;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var mail = batch[i];
                mail.CountAttempt();
                MimeMessage message;
                try
                {
                    message = await builder.BuildAsync(mail, ct);
                    // The issued link's hash and the preview are committed before the message leaves.
                    await db.SaveChangesAsync(ct);
                }
                catch (MailCannotBeBuiltException e)
                {
                    mail.MarkFailed(e.Message);
                    await db.SaveChangesAsync(CancellationToken.None);
                    continue;
                }

                var connecting = connection is null;
                try
                {
                    connection ??= await transport.ConnectAsync(ct);
                    await connection.SendAsync(message, ct);
                    mail.MarkSent(Now);
                    sent++;
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                catch (Exception e) when (Classify(e, ct) is { } failure)
                {
                    logger.LogWarning("Courriel {Id} non envoyé : {Reason}", mail.Id, failure.Reason);
                    Record(mail, failure);
                    if (failure.ConnectionLost)
                    {
                        if (connection is not null)
                        {
                            await connection.DisposeAsync();
                            connection = null;
                        }
                        if (connecting)
                        {
                            // The server cannot be reached: the rest of the batch waits too, without hammering it.
                            foreach (var other in batch.Skip(i + 1))
                            {
                                other.CountAttempt();
                                Record(other, failure);
                            }
                            await db.SaveChangesAsync(CancellationToken.None);
                            break;
                        }
                    }
                    await db.SaveChangesAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            // Rows not reached (cancellation) go back to pending at once.
            var stuck = batch.Where(m => m.Status == OutboxEmailStatus.Sending).ToList();
            foreach (var m in stuck)
            {
                m.RetryLater(m.LastError ?? "Envoi interrompu.", Now);
            }
            if (stuck.Count > 0)
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        return sent;
    }

    private void Record(OutboxEmail mail, Failure failure)
    {
        var o = options.Value;
        if (failure.Permanent)
        {
            mail.MarkFailed(failure.Reason);
            return;
        }
        var next = Now + o.RetryDelay(mail.Attempts);
        if (next - mail.RetryWindowStartUtc > TimeSpan.FromHours(o.GiveUpAfterHours))
        {
            mail.MarkFailed($"Abandon après {mail.Attempts} essais en {o.GiveUpAfterHours} h : {failure.Reason}");
            return;
        }
        mail.RetryLater(failure.Reason, next);
    }

    internal sealed record Failure(string Reason, bool Permanent, bool ConnectionLost);

    /// <summary>5xx replies are permanent; 4xx replies, network failures and time-outs are transient.</summary>
    internal static Failure? Classify(Exception e, CancellationToken ct)
    {
        switch (e)
        {
            case OperationCanceledException when ct.IsCancellationRequested:
                return null;
            case SmtpCommandException c:
                var code = (int)c.StatusCode;
                return new Failure($"Le serveur a répondu {code} : {c.Message}", code >= 500, ConnectionLost: false);
            case MailKit.Security.AuthenticationException a:
                return new Failure($"Authentification refusée par le serveur : {a.Message}", Permanent: false, ConnectionLost: true);
            case SocketException or IOException or TimeoutException or SmtpProtocolException or MailKit.ServiceNotConnectedException or OperationCanceledException:
                return new Failure($"Serveur injoignable ou coupé ({e.GetType().Name}) : {e.Message}", Permanent: false, ConnectionLost: true);
            default:
                return new Failure($"{e.GetType().Name} : {e.Message}", Permanent: false, ConnectionLost: true);
        }
    }
}
