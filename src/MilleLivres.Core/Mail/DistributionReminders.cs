using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Mail;

/// <summary>
/// The daily distribution reminder, computed from the current state (never from mails scheduled in advance): a delivery
/// received (<see cref="Dispatch.Shipment.ReceivedOn"/>) 30 days ago with no distribution row recorded and its report
/// not marked finished gets a reminder to the coordinator, then another at 60 days; none while staff paused the
/// delivery's reminders. Each reminder's row has a unique key (shipment, stage): running the job twice writes one row,
/// and a job that missed days writes only the latest stage due (never two mails at once).
/// </summary>
public sealed class DistributionReminders(AppDbContext db, IMailScheduler mails, TimeProvider clock)
{
    /// <summary>Days after receipt at which each reminder is due (stage 1, stage 2).</summary>
    public static readonly IReadOnlyList<int> Stages = [30, 60];

    public static string Key(int shipmentId, int stage) => $"distribution-reminder:{shipmentId}:{stage}";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var receivedBefore = today.AddDays(-Stages[0]);
        var due = await db.Shipments.AsNoTracking()
            .Where(s => s.ReceivedOn != null && s.ReceivedOn <= receivedBefore && !s.RemindersPaused)
            .Where(s => !db.DistributionReports.Any(r => r.WaveId == s.WaveId && r.TownId == s.TownId
                && (r.State == DistributionReportState.Finished || db.DistributionRows.Any(row => row.ReportId == r.Id))))
            .Select(s => new
            {
                s.Id,
                s.WaveId,
                s.TownId,
                ReceivedOn = s.ReceivedOn!.Value,
                Keys = db.OutboxEmails.Where(m => m.ShipmentId == s.Id && m.Kind == OutboxEmailKind.DistributionReminder)
                    .Select(m => m.DeduplicationKey).ToList(),
            })
            .ToListAsync(ct);
        var written = 0;
        foreach (var s in due)
        {
            var days = today.DayNumber - s.ReceivedOn.DayNumber;
            var stage = Stages.Count(d => days >= d);
            if (s.Keys.Contains(Key(s.Id, stage)))
            {
                continue;
            }
            var town = await db.Towns.AsNoTracking().SingleAsync(t => t.Id == s.TownId, ct);
            if (DeliveryMails.Recipient(town) is not { } to)
            {
                continue;
            }
            db.OutboxEmails.Add(OutboxEmail.About(OutboxEmailKind.DistributionReminder, to, null, now, s.TownId, s.WaveId, s.Id,
                deduplicationKey: Key(s.Id, stage), details: Stages[stage - 1].ToString(System.Globalization.CultureInfo.InvariantCulture)));
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
