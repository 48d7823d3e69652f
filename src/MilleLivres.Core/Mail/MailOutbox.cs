using MilleLivres.Core.Applications;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Mail;

/// <summary>Staff's view of the outbox: the "Courriels" page, the failed count, resending a failed mail.</summary>
public sealed class MailOutbox(AppDbContext db, IMailScheduler mails, IActor actor, TimeProvider clock)
{
    public sealed record Row(int Id, OutboxEmailKind Kind, string? Town, string Recipient, OutboxEmailStatus Status, int Attempts,
        string? LastError, DateTime CreatedAtUtc, DateTime? SentAtUtc, string? Subject);

    public Task<int> FailedCountAsync(CancellationToken ct = default) =>
        db.OutboxEmails.CountAsync(m => m.Status == OutboxEmailStatus.Failed, ct);

    public async Task<IReadOnlyList<Row>> ListAsync(OutboxEmailStatus? status, int take, CancellationToken ct = default)
    {
        var q = db.OutboxEmails.AsNoTracking();
        if (status is { } st)
        {
            q = q.Where(m => m.Status == st);
        }
        return await q.OrderByDescending(m => m.Id).Take(take)
            .Select(m => new Row(m.Id, m.Kind,
                m.TownId != null ? db.Towns.Where(t => t.Id == m.TownId).Select(t => t.Name).FirstOrDefault()
                    : m.Application != null ? m.Application.TownName
                    : m.Invitation != null ? m.Invitation.Town.Name : null,
                m.Recipient, m.Status, m.Attempts, m.LastError, m.CreatedAtUtc, m.SentAtUtc, m.Subject))
            .ToListAsync(ct);
    }

    public Task<OutboxEmail?> FindAsync(int id, CancellationToken ct = default) =>
        db.OutboxEmails.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>Staff's "renvoyer": only a failed mail goes back to pending (a second click changes nothing). Audited.</summary>
    public async Task<bool> ResendAsync(int id, CancellationToken ct = default)
    {
        var mail = await db.OutboxEmails.FirstOrDefaultAsync(m => m.Id == id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (mail is null || !mail.Resend(now))
        {
            return false;
        }
        // Outbox rows are not audited field by field (their bodies are personal data): one entry says who resent.
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = "Resent",
            EntityType = nameof(OutboxEmail),
            EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Changes = "{\"Status\":[\"Failed\",\"Pending\"]}",
        });
        await db.SaveChangesAsync(ct);
        mails.SendSoon();
        return true;
    }
}
