using System.Globalization;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Mail;

/// <summary>The outbox rows of deliveries, added to the caller's DbContext with the business change (not saved here).</summary>
public static class DeliveryMails
{
    private static readonly CultureInfo French = new("fr-FR");

    /// <summary>The town's coordinator address, or null when there is none (then no mail is written, and staff are told).</summary>
    public static string? Recipient(Town town) =>
        ApplicationRules.IsEmail(town.CoordinatorContact.Email) ? town.CoordinatorContact.Email!.Trim() : null;

    public static OutboxEmail? Notice(Shipment shipment, Town town, DateTime nowUtc) =>
        Recipient(town) is { } to
            ? OutboxEmail.About(OutboxEmailKind.DeliveryNotice, to, null, nowUtc, town.Id, shipment.WaveId, shipment.Id,
                deduplicationKey: $"delivery-notice:{shipment.WaveId}:{town.Id}")
            : null;

    public static OutboxEmail? DateChanged(Shipment shipment, Town town, DateOnly previous, DateTime nowUtc) =>
        Recipient(town) is { } to
            ? OutboxEmail.About(OutboxEmailKind.DeliveryDateChanged, to, null, nowUtc, town.Id, shipment.WaveId, shipment.Id,
                details: previous.ToString("dddd d MMMM yyyy", French))
            : null;
}
