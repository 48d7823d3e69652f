using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Mail;
using MilleLivres.Core.Packing;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Receipt;

/// <summary>
/// Tells a town's coordinators that staff resolved one of its differences. Called inside the resolution's transaction and
/// saved with it: an outbox mail like every other (ADR 0601), sent by the mail job, never from the request.
/// </summary>
public interface IReceiptNotifications
{
    Task DifferenceResolvedAsync(AppDbContext db, int townId, ReceiptDifference difference, CancellationToken ct);
}

/// <summary>One <see cref="OutboxEmailKind.ReceiptDifferenceResolved"/> mail per coordinator of the town, once per difference.</summary>
public sealed class OutboxReceiptNotifications(TimeProvider clock, IMailScheduler mails) : IReceiptNotifications
{
    public async Task DifferenceResolvedAsync(AppDbContext db, int townId, ReceiptDifference difference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(difference);
        var emails = await db.CoordinatorTowns.AsNoTracking().Where(c => c.TownId == townId)
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => u.Email)
            .Where(e => e != null)
            .Distinct()
            .ToListAsync(ct);
        var carton = await db.Cartons.AsNoTracking().Where(c => c.Id == difference.CartonId)
            .Select(c => new { c.Code, c.Number, c.WaveId }).SingleAsync(ct);
        var title = await db.Titles.AsNoTracking().Where(t => t.Id == difference.TitleId).Select(t => t.Name).SingleAsync(ct);
        var what = $"Carton n° {carton.Number} ({CartonCode.Display(carton.Code)}), « {title} » : {difference.Quantity} exemplaire(s) — {ReceiptText.Of(difference.Reason)}.";
        var outcome = difference.Resolution == DifferenceResolution.Replaced
            ? $"L'équipe Biblionef prépare un carton de remplacement{(difference.ReplacementCarton is { } r ? $" ({CartonCode.Display(r.Code)})" : string.Empty)} : un avis de livraison vous dira quand il part ; à son arrivée, confirmez sa réception en scannant son QR code."
            : "L'équipe Biblionef a enregistré ces exemplaires comme perdus ou abîmés en transport : vous n'avez rien à faire.";
        var note = string.IsNullOrWhiteSpace(difference.ResolutionNote) ? string.Empty : $" Note de l'équipe : {difference.ResolutionNote}";
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var email in emails)
        {
            db.OutboxEmails.Add(OutboxEmail.About(OutboxEmailKind.ReceiptDifferenceResolved, email!, null, now, townId, carton.WaveId, null,
                deduplicationKey: $"receipt-difference:{difference.Id}:{email!.ToLowerInvariant()}", details: $"{what} {outcome}{note}"));
        }
        if (emails.Count > 0)
        {
            mails.SendSoon();
        }
    }
}
