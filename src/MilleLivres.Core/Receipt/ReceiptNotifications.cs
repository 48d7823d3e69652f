using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Receipt;

/// <summary>
/// Seam for telling a town's coordinators that staff resolved one of its differences. Called inside the resolution's
/// transaction and saved with it (an outbox row, never a mail sent from the request). The mail outbox of feature/mail
/// was not on this branch: <see cref="OutboxReceiptNotifications"/> writes rows of the existing <see cref="OutboxEmail"/>
/// kind; replace the registration when the richer outbox is merged.
/// </summary>
public interface IReceiptNotifications
{
    Task DifferenceResolvedAsync(AppDbContext db, int townId, ReceiptDifference difference, CancellationToken ct);
}

/// <summary>One pending <see cref="OutboxEmailKind.ReceiptDifferenceResolved"/> row per coordinator of the town.</summary>
public sealed class OutboxReceiptNotifications(TimeProvider clock) : IReceiptNotifications
{
    public async Task DifferenceResolvedAsync(AppDbContext db, int townId, ReceiptDifference difference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var emails = await db.CoordinatorTowns.AsNoTracking().Where(c => c.TownId == townId)
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => u.Email)
            .Where(e => e != null)
            .Distinct()
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var email in emails)
        {
            db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.ReceiptDifferenceResolved, email!, now));
        }
    }
}
