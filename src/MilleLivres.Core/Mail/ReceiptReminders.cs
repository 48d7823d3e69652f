using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Mail;

/// <summary>
/// The daily reminder rule, computed from the current state (never from mails scheduled in advance): a shipment not
/// received <see cref="MailOptions.ReceiptReminderDays"/> days after its expected day gets a reminder, at most once a
/// week and three times, unless staff paused its reminders. "Received" is <see cref="Dispatch.Shipment.ReceivedOn"/>,
/// which the receipt feature (issue 14) sets; until then every dispatched shipment counts as not received.
/// Each reminder's row has a unique key (shipment, number): running the job twice writes one row.
/// </summary>
public sealed class ReceiptReminders(AppDbContext db, IMailScheduler mails, IOptions<MailOptions> options, TimeProvider clock)
{
    public const int MaxReminders = 3;
    public static readonly TimeSpan MinInterval = TimeSpan.FromDays(7);

    public static string Key(int shipmentId, int number) => $"receipt-reminder:{shipmentId}:{number}";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var lateBefore = today.AddDays(-options.Value.ReceiptReminderDays);
        var due = await db.Shipments.AsNoTracking()
            .Where(s => s.ReceivedOn == null && !s.RemindersPaused && s.ExpectedOn <= lateBefore)
            .Select(s => new
            {
                s.Id,
                s.WaveId,
                s.TownId,
                Sent = db.OutboxEmails.Where(m => m.ShipmentId == s.Id && m.Kind == OutboxEmailKind.ReceiptReminder)
                    .Select(m => (DateTime?)m.CreatedAtUtc).ToList(),
            })
            .ToListAsync(ct);
        var written = 0;
        foreach (var s in due)
        {
            var count = s.Sent.Count;
            var last = s.Sent.Max();
            if (count >= MaxReminders || (last is { } l && now - l < MinInterval))
            {
                continue;
            }
            var town = await db.Towns.AsNoTracking().SingleAsync(t => t.Id == s.TownId, ct);
            if (DeliveryMails.Recipient(town) is not { } to)
            {
                continue;
            }
            db.OutboxEmails.Add(OutboxEmail.About(OutboxEmailKind.ReceiptReminder, to, null, now, s.TownId, s.WaveId, s.Id,
                deduplicationKey: Key(s.Id, count + 1)));
            try
            {
                await db.SaveChangesAsync(ct);
                written++;
            }
            catch (DbUpdateException)
            {
                // Another run wrote this reminder first (unique key): nothing to add.
                db.ChangeTracker.Clear();
            }
        }
        if (written > 0)
        {
            mails.SendSoon();
        }
        return written;
    }
}
