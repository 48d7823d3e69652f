using System.Globalization;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;

namespace MilleLivres.Core.Mail;

/// <summary>The outbox rows of deliveries, added to the caller's DbContext with the business change (not saved here).</summary>
public static class DeliveryMails
{
    private static readonly CultureInfo French = new("fr-FR");

    /// <summary>The town's coordinator address, or null when there is none (then no mail is written, and staff are told).</summary>
    public static string? Recipient(Town town) =>
        ApplicationRules.IsEmail(town.CoordinatorContact.Email) ? town.CoordinatorContact.Email!.Trim() : null;

    /// <summary>
    /// The delivery contact, copied on the delivery mails when the town has one with a valid address (the row drops it
    /// when it is the coordinator's own address).
    /// </summary>
    public static string? CopyTo(Town town) =>
        ApplicationRules.IsEmail(town.DeliveryContact.Email) ? town.DeliveryContact.Email!.Trim() : null;

    public static OutboxEmail? Notice(Shipment shipment, Town town, DateTime nowUtc) =>
        Recipient(town) is { } to
            ? OutboxEmail.About(OutboxEmailKind.DeliveryNotice, to, CopyTo(town), nowUtc, town.Id, shipment.WaveId, shipment.Id,
                deduplicationKey: $"delivery-notice:{shipment.WaveId}:{town.Id}")
            : null;

    public static OutboxEmail? DateChanged(Shipment shipment, Town town, DateOnly previous, DateTime nowUtc) =>
        Recipient(town) is { } to
            ? OutboxEmail.About(OutboxEmailKind.DeliveryDateChanged, to, CopyTo(town), nowUtc, town.Id, shipment.WaveId, shipment.Id,
                details: previous.ToString("dddd d MMMM yyyy", French))
            : null;

    /// <summary>
    /// The notice of a replacement carton leaving on its own: it carries the town's shipment (so it lists with that
    /// delivery's mails on the coordinator's page) and the carton.
    /// </summary>
    public static OutboxEmail? ReplacementNotice(Carton carton, int? shipmentId, Town town, DateTime nowUtc) =>
        Recipient(town) is { } to
            ? OutboxEmail.About(OutboxEmailKind.ReplacementNotice, to, CopyTo(town), nowUtc, town.Id, carton.WaveId, shipmentId,
                deduplicationKey: $"replacement-notice:{carton.Id}", cartonId: carton.Id)
            : null;
}
