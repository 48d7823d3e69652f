using System.Globalization;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using MilleLivres.Core.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MilleLivres.Core.Mail;

/// <summary>A mail that cannot be built (its town lost its slip, its invitation was used): failed for good.</summary>
public sealed class MailCannotBeBuiltException(string message) : DomainException(message);

/// <summary>
/// Builds the message of an outbox row from the current state, at send time: French subject (RFC 2047 encoded by
/// MimeKit), text and HTML parts, the row's fixed Message-Id, attachments. Private links are issued here (only hashes
/// are stored): the invitation token is renewed and the applicant's status link is a new one. The row records what the
/// message said, with those links masked, for staff's preview.
/// </summary>
public sealed class MailBuilder(AppDbContext db, IOptions<MailOptions> mailOptions, IOptions<PackingOptions> packing,
    IOptions<ApplicationOptions> applications, TimeProvider clock)
{
    public const string MaskedLink = "[lien personnel, visible seulement dans le courriel envoyé]";
    private static readonly CultureInfo French = new("fr-FR");

    private string BaseUrl => packing.Value.PublicBaseUrl.TrimEnd('/');

    private string DeliveriesUrl => $"{BaseUrl}/Coordinator/Delivery";

    public async Task<MimeMessage> BuildAsync(OutboxEmail mail, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attachments = new List<MimePart>();
        Dictionary<string, string?> values;
        Dictionary<string, string?>? preview = null;
        switch (mail.Kind)
        {
            case OutboxEmailKind.DeliveryNotice:
            case OutboxEmailKind.DeliveryDateChanged:
            case OutboxEmailKind.ReceiptReminder:
            case OutboxEmailKind.DistributionReminder:
                values = await DeliveryValuesAsync(mail, attachments, now, ct);
                break;
            case OutboxEmailKind.ApplicationStatusLink:
            {
                var application = await db.TownApplications.SingleOrDefaultAsync(a => a.Id == mail.TownApplicationId, ct)
                    ?? throw new MailCannotBeBuiltException("La candidature de ce courriel n'existe plus.");
                var token = application.IssueStatusLink(now);
                values = new() { ["Name"] = application.Applicant.Name, ["Town"] = application.TownName, ["StatusUrl"] = $"{BaseUrl}/Apply/Status/{token}" };
                preview = new(values) { ["StatusUrl"] = MaskedLink };
                break;
            }
            case OutboxEmailKind.ApplicationDecision:
            {
                var application = await db.TownApplications.Include(a => a.Wave).SingleOrDefaultAsync(a => a.Id == mail.TownApplicationId, ct)
                    ?? throw new MailCannotBeBuiltException("La candidature de ce courriel n'existe plus.");
                var (decision, shortText) = application.Status switch
                {
                    ApplicationStatus.Accepted => ($"Bonne nouvelle : la candidature de {application.TownName} est retenue. La ville entre dans la vague {application.Wave?.Number} ({application.Wave?.Name}). La personne qui coordonne va recevoir une invitation pour suivre la livraison.", "retenue"),
                    ApplicationStatus.Waitlisted => ($"La candidature de {application.TownName} est placée sur liste d'attente : nous vous écrirons dès qu'une place se libère dans une vague.", "liste d'attente"),
                    ApplicationStatus.Declined => ($"Nous sommes au regret de vous annoncer que la candidature de {application.TownName} n'est pas retenue.", "non retenue"),
                    _ => throw new MailCannotBeBuiltException("Cette candidature n'a pas (ou plus) de décision à annoncer."),
                };
                values = new()
                {
                    ["Name"] = application.Applicant.Name,
                    ["Town"] = application.TownName,
                    ["Decision"] = decision,
                    ["DecisionShort"] = shortText,
                    ["Reason"] = application.DecisionReason is null ? string.Empty : $"Motif : {application.DecisionReason}",
                };
                break;
            }
            case OutboxEmailKind.CoordinatorInvitation:
            case OutboxEmailKind.InvitationRenewal:
            {
                var invitation = await db.CoordinatorInvitations.Include(i => i.Town).SingleOrDefaultAsync(i => i.Id == mail.CoordinatorInvitationId, ct)
                    ?? throw new MailCannotBeBuiltException("L'invitation de ce courriel n'existe plus.");
                if (invitation.UsedAtUtc is not null)
                {
                    throw new MailCannotBeBuiltException("Cette invitation a déjà servi : le compte existe, rien à envoyer.");
                }
                var token = invitation.Renew(now, TimeSpan.FromDays(applications.Value.InvitationValidityDays));
                values = new()
                {
                    ["Name"] = invitation.Name,
                    ["Town"] = invitation.Town.Name,
                    ["InvitationUrl"] = $"{BaseUrl}/Account/Invitation/{token}",
                    ["ExpiresOn"] = invitation.ExpiresAtUtc.ToString("d MMMM yyyy", French),
                };
                preview = new(values) { ["InvitationUrl"] = MaskedLink };
                break;
            }
            case OutboxEmailKind.ReplacementNotice:
                values = await ReplacementValuesAsync(mail, attachments, now, ct);
                break;
            case OutboxEmailKind.ReceiptDifferenceResolved:
            {
                var town = await db.Towns.AsNoTracking().Where(t => t.Id == mail.TownId).Select(t => t.Name).SingleOrDefaultAsync(ct)
                    ?? throw new MailCannotBeBuiltException("La ville de ce courriel n'existe plus.");
                var waveNumber = await db.Waves.AsNoTracking().Where(w => w.Id == mail.WaveId).Select(w => (int?)w.Number).SingleOrDefaultAsync(ct);
                values = new()
                {
                    ["Town"] = town,
                    ["Wave"] = waveNumber is { } n ? $"vague {n}" : "livraison",
                    ["Details"] = mail.Details ?? string.Empty,
                    ["DeliveriesUrl"] = DeliveriesUrl,
                };
                break;
            }
            default:
                throw new MailCannotBeBuiltException($"Type de courriel inconnu : {mail.Kind}.");
        }
        values["Name"] = string.IsNullOrWhiteSpace(values.GetValueOrDefault("Name")) ? "Madame, Monsieur" : values["Name"];
        var rendered = MailTemplates.Render(mail.Kind, values);
        var shown = preview is null ? rendered : MailTemplates.Render(mail.Kind, new Dictionary<string, string?>(preview) { ["Name"] = values["Name"] });
        mail.RecordContent(shown.Subject, shown.Text, shown.Html);
        return Compose(mail, rendered, attachments);
    }

    private MimeMessage Compose(OutboxEmail mail, RenderedMail rendered, List<MimePart> attachments)
    {
        var message = new MimeMessage();
        message.From.Add(mailOptions.Value.Sender);
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        if (mail.CopyTo is not null)
        {
            message.Cc.Add(MailboxAddress.Parse(mail.CopyTo));
        }
        message.Subject = rendered.Subject;
        message.MessageId = mail.MessageId;
        message.Date = new DateTimeOffset(mail.CreatedAtUtc, TimeSpan.Zero);
        message.Headers.Add("Content-Language", "fr");
        var body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"></head><body>{rendered.Html}</body></html>" };
        foreach (var a in attachments)
        {
            body.Attachments.Add(a);
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private async Task<Dictionary<string, string?>> DeliveryValuesAsync(OutboxEmail mail, List<MimePart> attachments, DateTime now, CancellationToken ct)
    {
        var shipment = await db.Shipments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == mail.ShipmentId, ct)
            ?? throw new MailCannotBeBuiltException("L'expédition de ce courriel n'existe plus.");
        var town = await db.Towns.AsNoTracking().SingleAsync(t => t.Id == shipment.TownId, ct);
        var wave = await db.Waves.AsNoTracking().SingleAsync(w => w.Id == shipment.WaveId, ct);
        var a = town.DeliveryAddress;
        var address = string.Join("\n", new[] { a.Structure, a.Street, $"{a.Postcode} {a.City}".Trim() }.Where(l => !string.IsNullOrWhiteSpace(l)));
        var values = new Dictionary<string, string?>
        {
            ["Name"] = town.CoordinatorContact.Name,
            ["Town"] = town.Name,
            ["Wave"] = $"vague {wave.Number}",
            ["DispatchedOn"] = Day(shipment.DispatchedOn),
            ["ExpectedOn"] = Day(shipment.ExpectedOn),
            ["PreviousExpectedOn"] = mail.Details ?? (shipment.PreviousExpectedOn is { } p ? Day(p) : "—"),
            ["Carrier"] = shipment.Carrier ?? "non précisé",
            ["Tracking"] = shipment.TrackingNumber ?? "non précisé",
            ["Address"] = address.Length == 0 ? "non précisée" : address,
            ["AccessNotes"] = a.AccessNotes ?? "aucune indication",
            ["DeliveriesUrl"] = DeliveriesUrl,
        };
        if (mail.Kind == OutboxEmailKind.ReceiptReminder)
        {
            return values;
        }
        if (mail.Kind == OutboxEmailKind.DistributionReminder)
        {
            values["ReceivedOn"] = shipment.ReceivedOn is { } r ? Day(r) : "—";
            values["Days"] = mail.Details ?? "30";
            values["DistributionUrl"] = $"{BaseUrl}/Coordinator/Distributions/{shipment.WaveId}/{shipment.TownId}";
            return values;
        }
        if (mail.Kind == OutboxEmailKind.DeliveryNotice)
        {
            var cartons = await db.Cartons.AsNoTracking().Where(c => c.WaveId == shipment.WaveId && c.TownId == shipment.TownId).CountAsync(ct);
            var bands = await (
                    from l in db.CartonLines.AsNoTracking()
                    join c in db.Cartons on l.CartonId equals c.Id
                    where c.WaveId == shipment.WaveId && c.TownId == shipment.TownId
                    join b in db.AgeBands on l.AgeBandId equals b.Id
                    group l by new { b.Name, b.MinAge, b.MaxAge, b.SortOrder } into g
                    select new { g.Key.Name, g.Key.MinAge, g.Key.MaxAge, g.Key.SortOrder, Books = g.Sum(x => x.Quantity) })
                .ToListAsync(ct);
            values["Cartons"] = cartons.ToString(French);
            values["Books"] = bands.Sum(b => b.Books).ToString("N0", French);
            values["AgeBands"] = string.Join("\n", bands.OrderBy(b => b.SortOrder).ThenBy(b => b.MinAge)
                .Select(b => $"- {b.MinAge}-{b.MaxAge} ans ({b.Name}) : {b.Books.ToString("N0", French)} livres"));
            var slip = await db.GeneratedDocuments.AsNoTracking()
                .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.WaveId == shipment.WaveId && d.TownId == shipment.TownId)
                .Select(d => new { d.FileName, d.Content, d.ContentType }).FirstOrDefaultAsync(ct)
                ?? throw new MailCannotBeBuiltException($"Le bordereau de colisage de {town.Name} est introuvable : produisez-le, puis renvoyez le courriel.");
            attachments.Add(new MimePart("application", "pdf")
            {
                Content = new MimeContent(new MemoryStream(slip.Content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = slip.FileName,
            });
        }
        var ics = DeliveryCalendar.Event(shipment.Id, shipment.ExpectedDateChanges, shipment.ExpectedOn,
            $"Livraison des livres — {town.Name} (vague {wave.Number})",
            address.ReplaceLineEndings(", "),
            $"Cartons de l'opération « 1000 livres dans les Cités éducatives ». Transporteur : {values["Carrier"]}, suivi : {values["Tracking"]}. {DeliveriesUrl}",
            now);
        attachments.Add(IcsPart(ics));
        return values;
    }

    /// <summary>A replacement carton's notice: its dates, carrier, content, the address, its own slip and an .ics.</summary>
    private async Task<Dictionary<string, string?>> ReplacementValuesAsync(OutboxEmail mail, List<MimePart> attachments, DateTime now, CancellationToken ct)
    {
        var carton = await db.Cartons.AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == mail.CartonId, ct)
            ?? throw new MailCannotBeBuiltException("Le carton de remplacement de ce courriel n'existe plus.");
        if (carton.DispatchedOn is not { } dispatchedOn || carton.ExpectedOn is not { } expectedOn)
        {
            throw new MailCannotBeBuiltException("Ce carton de remplacement n'est pas expédié : il n'y a pas d'avis à envoyer.");
        }
        var town = await db.Towns.AsNoTracking().SingleAsync(t => t.Id == carton.TownId, ct);
        var wave = await db.Waves.AsNoTracking().SingleAsync(w => w.Id == carton.WaveId, ct);
        var a = town.DeliveryAddress;
        var address = string.Join("\n", new[] { a.Structure, a.Street, $"{a.Postcode} {a.City}".Trim() }.Where(l => !string.IsNullOrWhiteSpace(l)));
        var titleIds = carton.Lines.Select(l => l.TitleId).ToList();
        var titles = await db.Titles.AsNoTracking().Where(t => titleIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var code = CartonCode.Display(carton.Code);
        var values = new Dictionary<string, string?>
        {
            ["Name"] = town.CoordinatorContact.Name,
            ["Town"] = town.Name,
            ["Wave"] = $"vague {wave.Number}",
            ["Code"] = code,
            ["Number"] = carton.Number.ToString(French),
            ["DispatchedOn"] = Day(dispatchedOn),
            ["ExpectedOn"] = Day(expectedOn),
            ["Carrier"] = carton.Carrier ?? "non précisé",
            ["Tracking"] = carton.TrackingNumber ?? "non précisé",
            ["Books"] = carton.Lines.Sum(l => l.Quantity).ToString("N0", French),
            ["Titles"] = string.Join("\n", carton.Lines.OrderBy(l => titles[l.TitleId], StringComparer.Ordinal)
                .Select(l => $"- {titles[l.TitleId]} : {l.Quantity.ToString(French)} exemplaire(s)")),
            ["Address"] = address.Length == 0 ? "non précisée" : address,
            ["AccessNotes"] = a.AccessNotes ?? "aucune indication",
            ["CartonUrl"] = $"{BaseUrl}/Coordinator/Receipt/{carton.Code}",
            ["DeliveriesUrl"] = DeliveriesUrl,
        };
        var slip = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == Receipt.ReplacementSlipWork.DocumentKind && d.OwnerKey == Receipt.ReplacementSlipWork.OwnerKey(carton.Id))
            .Select(d => new { d.FileName, d.Content }).FirstOrDefaultAsync(ct)
            ?? throw new MailCannotBeBuiltException($"Le bordereau du carton de remplacement {code} est introuvable : produisez-le, puis renvoyez le courriel.");
        attachments.Add(new MimePart("application", "pdf")
        {
            Content = new MimeContent(new MemoryStream(slip.Content)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = slip.FileName,
        });
        var ics = DeliveryCalendar.Event($"carton-{carton.Id}@millelivres", 0, expectedOn,
            $"Livraison du carton de remplacement {code} — {town.Name} (vague {wave.Number})",
            address.ReplaceLineEndings(", "),
            $"Carton de remplacement de l'opération « 1000 livres dans les Cités éducatives ». Transporteur : {values["Carrier"]}, suivi : {values["Tracking"]}. {values["CartonUrl"]}",
            now);
        attachments.Add(IcsPart(ics));
        return values;
    }

    private static MimePart IcsPart(string ics)
    {
        var icsPart = new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ics))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "livraison.ics",
        };
        icsPart.ContentType.Charset = "utf-8";
        icsPart.ContentType.Parameters.Add("method", "PUBLISH");
        return icsPart;
    }

    private static string Day(DateOnly d) => d.ToString("dddd d MMMM yyyy", French);
}
