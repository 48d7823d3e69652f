using System.Net;
using AngleSharp.Dom;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Dispatch;
using MilleLivres.Tests.Dispatch;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UglyToad.PdfPig;

namespace MilleLivres.Tests.Mail;

/// <summary>Delivery mails through a real SMTP server on loopback: each test packs and dispatches its own wave.</summary>
public class DeliveryMailTests(MailApp app) : IClassFixture<MailApp>
{
    private const string Coordinator = "francoise.loeuvre@example.fr";

    private async Task<(int WaveId, int TownId, Shipment Shipment)> DispatchAsync(HttpClient staff, int number, string town, int titles = 6)
    {
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, number, new Dictionary<string, int> { [town] = titles });
        var townId = await AllocatedWave.TownIdAsync(app.Factory, town);
        var response = await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string>
        {
            ["Input.Carrier"] = "Transports Dupré",
            ["Input.TrackingNumber"] = "XY-123",
        }, "form#dispatch");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var shipment = await app.Factory.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.WaveId == waveId));
        return (waveId, townId, shipment);
    }

    [Fact]
    public async Task The_delivery_notice_reaches_the_coordinator_with_both_parts_the_towns_slip_and_an_ics()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, townId, shipment) = await DispatchAsync(staff, 30, "Vaulx-en-Velin");

        var message = await app.Smtp.WaitForAsync(m => m.Subject?.Contains("Vaulx-en-Velin") == true);
        Assert.Equal("Vos livres sont en route — Vaulx-en-Velin, vague 30", message.Subject);
        Assert.Equal(Coordinator, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("ne-pas-repondre@biblionef.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Équipe Biblionef", Assert.Single(message.From.Mailboxes).Name);
        // Accents in headers are encoded per RFC 2047.
        using (var raw = new MemoryStream())
        {
            message.WriteTo(raw);
            var headers = System.Text.Encoding.ASCII.GetString(raw.ToArray()).Split("\r\n\r\n")[0];
            Assert.Matches(@"Subject: [^\r\n]*=\?utf-8\?[bq]\?", headers);
            Assert.DoesNotContain("—", headers);
        }
        var row = await MailRows.WaitAsync(app.Factory, m => m.ShipmentId == shipment.Id && m.Kind == OutboxEmailKind.DeliveryNotice, m => m.Status == OutboxEmailStatus.Sent);
        Assert.Equal(row.MessageId, message.MessageId);
        Assert.Equal(townId, row.TownId);

        var french = new System.Globalization.CultureInfo("fr-FR");
        var text = message.TextBody;
        Assert.Contains($"Livraison prévue le {shipment.ExpectedOn.ToString("dddd d MMMM yyyy", french)}.", text);
        Assert.Contains("Transporteur : Transports Dupré", text);
        Assert.Contains("Numéro de suivi : XY-123", text);
        var cartons = await app.Factory.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines).Where(c => c.WaveId == waveId).ToListAsync());
        Assert.Contains($"Contenu : {cartons.Count} carton(s), {cartons.Sum(c => c.Lines.Sum(l => l.Quantity))} livres.", text);
        Assert.Contains("- 3-5 ans (maternelle) : ", text);
        Assert.Contains("12 rue de l'Église", text);
        Assert.Contains("Accès : Entrée côté gymnase, quai ouvert de 8 h à 12 h.", text);
        Assert.Contains("scanner le QR code de chaque carton", text);
        Assert.Contains($"{MailAppFactory.BaseUrl}/Coordinator/Delivery", text);
        Assert.Contains("Bonjour Françoise Lœuvre,", message.HtmlBody);
        Assert.Contains("l&#39;Église", message.HtmlBody);

        var pdf = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "application/pdf");
        using var pdfBytes = new MemoryStream();
        pdf.Content!.DecodeTo(pdfBytes);
        var pdfText = string.Join("\n", PdfReading.PageTexts(pdfBytes.ToArray()));
        Assert.All(cartons, c => Assert.Contains(c.Code, pdfText.Replace("-", "")));
        Assert.Contains("Vaulx-en-Velin", pdfText);

        var ics = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        Assert.Equal("livraison.ics", ics.FileName);
        using var icsBytes = new MemoryStream();
        ics.Content!.DecodeTo(icsBytes);
        var calendar = Ics.Properties(System.Text.Encoding.UTF8.GetString(icsBytes.ToArray()));
        Assert.Equal(shipment.ExpectedOn.ToString("yyyyMMdd"), calendar["DTSTART"]);
        Assert.Equal($"shipment-{shipment.Id}@millelivres", calendar["UID"]);
        Assert.Equal("0", calendar["SEQUENCE"]);
        Assert.Equal("Livraison des livres — Vaulx-en-Velin (vague 30)", calendar["SUMMARY"]);
    }

    [Fact]
    public async Task Moving_the_expected_day_sends_a_short_mail_with_the_updated_ics()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _, shipment) = await DispatchAsync(staff, 31, "Allonnes", titles: 3);
        await app.Smtp.WaitForAsync(m => m.Subject?.StartsWith("Vos livres sont en route — Allonnes") == true);
        var newDay = shipment.ExpectedOn.AddDays(2);
        var response = await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string> { ["Change.ExpectedOn"] = newDay.ToString("yyyy-MM-dd") }, "form.change-date");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var message = await app.Smtp.WaitForAsync(m => m.Subject == "Votre livraison a changé — Allonnes, vague 31");
        var french = new System.Globalization.CultureInfo("fr-FR");
        Assert.Contains($"désormais prévue le {newDay.ToString("dddd d MMMM yyyy", french)} (au lieu du {shipment.ExpectedOn.ToString("dddd d MMMM yyyy", french)})", message.TextBody);
        Assert.NotNull(message.HtmlBody);
        Assert.DoesNotContain(message.Attachments.OfType<MimePart>(), a => a.ContentType.MimeType == "application/pdf");
        var ics = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using var bytes = new MemoryStream();
        ics.Content!.DecodeTo(bytes);
        var calendar = Ics.Properties(System.Text.Encoding.UTF8.GetString(bytes.ToArray()));
        Assert.Equal(newDay.ToString("yyyyMMdd"), calendar["DTSTART"]);
        Assert.Equal("1", calendar["SEQUENCE"]);
        Assert.Equal($"shipment-{shipment.Id}@millelivres", calendar["UID"]);

        // The same day again: nothing changes and no mail is written.
        await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string> { ["Change.ExpectedOn"] = newDay.ToString("yyyy-MM-dd") }, "form.change-date");
        Assert.Equal(1, await app.Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.ShipmentId == shipment.Id && m.Kind == OutboxEmailKind.DeliveryDateChanged)));
    }

    [Fact]
    public async Task A_550_reply_marks_the_mail_failed_with_the_servers_words_and_staff_resend_it()
    {
        const string refused = "refus.trappes@ville.example.fr";
        app.Smtp.Refused[refused] = true;
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, 32, new Dictionary<string, int> { ["Trappes"] = 2 });
        await app.Factory.WithDbAsync(async db =>
        {
            var town = await db.Towns.SingleAsync(t => t.Name == "Trappes");
            town.SetCoordinatorContact(MilleLivres.Core.Domain.Contact.Of("Yanis Haddad", refused, null));
            await db.SaveChangesAsync();
        });
        await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string>(), "form#dispatch");

        var row = await MailRows.WaitAsync(app.Factory, m => m.WaveId == waveId && m.Kind == OutboxEmailKind.DeliveryNotice, m => m.Status == OutboxEmailStatus.Failed);
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith("Le serveur a répondu 550 : ", row.LastError);
        Assert.Contains("destinataire refuse", row.LastError);

        var home = await staff.GetDocumentAsync("/Staff");
        Assert.Contains("courriel(s) en échec", home.QuerySelector("#failed-mails")!.TextContent);
        var list = await staff.GetDocumentAsync("/Staff/Mail?status=Failed");
        var tr = list.QuerySelector($"tr[data-mail='{row.Id}']")!;
        Assert.Equal("Échec", tr.QuerySelector(".status")!.TextContent.Trim());
        Assert.Contains("550", tr.QuerySelector(".error")!.TextContent);
        var details = await staff.GetDocumentAsync($"/Staff/Mail/Details/{row.Id}");
        Assert.Contains("Vos livres sont en route — Trappes", details.QuerySelector("#subject")!.TextContent);
        Assert.Contains("Bonjour Yanis Haddad,", details.QuerySelector("#preview")!.TextContent);

        app.Smtp.Refused.TryRemove(refused, out _);
        var resend = await staff.SubmitFormAsync(list, new Dictionary<string, string>(), $"tr[data-mail='{row.Id}'] form.resend");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var sent = await MailRows.WaitAsync(app.Factory, m => m.Id == row.Id, m => m.Status == OutboxEmailStatus.Sent);
        var message = await app.Smtp.WaitForAsync(m => m.MessageId == row.MessageId);
        Assert.Equal(refused, Assert.Single(message.To.Mailboxes).Address);
        Assert.Single(app.Smtp.Messages, m => m.MessageId == sent.MessageId);
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(OutboxEmail) && a.EntityId == row.Id.ToString() && a.Action == "Resent" && a.ActorName == Http.StaffEmail)));

        // A second click on the same form changes nothing: its one-time key replays the first outcome (ADR 0500).
        var again = await staff.SubmitFormAsync(list, new Dictionary<string, string>(), $"tr[data-mail='{row.Id}'] form.resend");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("remis dans la file", (await staff.GetDocumentAsync("/Staff/Mail")).QuerySelector("#mail-message")!.TextContent);
        Assert.Equal(1, await app.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(OutboxEmail) && a.EntityId == row.Id.ToString() && a.Action == "Resent")));
        Assert.Equal(OutboxEmailStatus.Sent, (await MailRows.WaitAsync(app.Factory, m => m.Id == row.Id, m => true)).Status);
        Assert.Single(app.Smtp.Messages, m => m.MessageId == sent.MessageId);
    }

    [Fact]
    public async Task A_coordinator_sees_their_own_notices_on_their_deliveries_page_and_not_the_courriels_page()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, townId, shipment) = await DispatchAsync(staff, 33, "Lens", titles: 2);
        var (otherWave, otherTown, _) = await DispatchAsync(staff, 34, "Boulogne-sur-Mer", titles: 2);
        await MailRows.WaitAsync(app.Factory, m => m.ShipmentId == shipment.Id, m => m.Status == OutboxEmailStatus.Sent);

        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await lens.GetAsync("/Staff/Mail")).StatusCode);
        var page = await lens.GetDocumentAsync("/Coordinator/Delivery");
        var section = page.QuerySelector($"section.delivery[data-town='{townId}'][data-wave='{waveId}']")!;
        Assert.Contains(shipment.ExpectedOn.ToString("dd/MM/yyyy"), section.QuerySelector(".expected-on")!.TextContent);
        Assert.Contains("Vos livres sont en route — Lens, vague 33", section.QuerySelector("ul.notices")!.TextContent);
        Assert.Null(page.QuerySelector($"section.delivery[data-town='{otherTown}']"));
        Assert.DoesNotContain("Boulogne-sur-Mer", page.Text());
        Assert.True(otherWave > 0);
    }

    [Fact]
    public async Task The_towns_delivery_contact_is_checked_on_the_town_form_and_copied_on_the_notice_and_the_date_change()
    {
        const string contact = "accueil.mediatheque@maubeuge.example.fr";
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var maubeuge = await AllocatedWave.TownIdAsync(app.Factory, "Maubeuge");
        var bad = await staff.SubmitFormAsync($"/Staff/Towns/Edit/{maubeuge}", new Dictionary<string, string>
        {
            ["Input.DeliveryContact.Name"] = "Karim Benali",
            ["Input.DeliveryContact.Email"] = "pas-une-adresse",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("Cette adresse électronique n'est pas valide.", (await Http.ParseAsync(bad)).FieldError("Input.DeliveryContact.Email"));
        Assert.True((await app.Factory.WithDbAsync(db => db.Towns.AsNoTracking().SingleAsync(t => t.Id == maubeuge))).DeliveryContact.IsEmpty);
        var saved = await staff.SubmitFormAsync($"/Staff/Towns/Edit/{maubeuge}", new Dictionary<string, string>
        {
            ["Input.DeliveryContact.Name"] = "Karim Benali",
            ["Input.DeliveryContact.Email"] = contact,
            ["Input.DeliveryContact.Phone"] = "03 27 00 00 00",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var townPage = await staff.GetDocumentAsync($"/Staff/Towns/Details/{maubeuge}");
        Assert.Equal($"Karim Benali — {contact} — 03 27 00 00 00", townPage.QuerySelector("#delivery-contact")!.TextContent.Trim());

        var (waveId, _, shipment) = await DispatchAsync(staff, 35, "Maubeuge", titles: 2);
        var notice = await app.Smtp.WaitForAsync(m => m.Subject == "Vos livres sont en route — Maubeuge, vague 35");
        Assert.Equal(Coordinator, Assert.Single(notice.To.Mailboxes).Address);
        Assert.Equal(contact, Assert.Single(notice.Cc.Mailboxes).Address);
        Assert.Equal([Coordinator, contact], app.Smtp.EnvelopeRecipients[notice.MessageId!]);
        var row = await MailRows.WaitAsync(app.Factory, m => m.ShipmentId == shipment.Id && m.Kind == OutboxEmailKind.DeliveryNotice, m => m.Status == OutboxEmailStatus.Sent);
        Assert.Equal(contact, row.CopyTo);
        // The town's page lists its delivery mails (and the reminders to come) for staff.
        var listed = (await staff.GetDocumentAsync($"/Staff/Towns/Details/{maubeuge}")).QuerySelector($"#town-mails tr[data-mail='{row.Id}']")!;
        Assert.Equal("Avis de livraison", listed.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal($"/Staff/Mail/Details/{row.Id}", listed.QuerySelector("a")!.GetAttribute("href"));

        var newDay = shipment.ExpectedOn.AddDays(1);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}",
            new Dictionary<string, string> { ["Change.ExpectedOn"] = newDay.ToString("yyyy-MM-dd") }, "form.change-date")).StatusCode);
        var changed = await app.Smtp.WaitForAsync(m => m.Subject == "Votre livraison a changé — Maubeuge, vague 35");
        Assert.Equal(Coordinator, Assert.Single(changed.To.Mailboxes).Address);
        Assert.Equal(contact, Assert.Single(changed.Cc.Mailboxes).Address);
        Assert.Equal([Coordinator, contact], app.Smtp.EnvelopeRecipients[changed.MessageId!]);
    }

    [Fact]
    public async Task After_the_town_confirmed_receipt_staff_can_no_longer_move_the_expected_day_and_no_mail_is_written()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, townId, shipment) = await DispatchAsync(staff, 36, "Rennes", titles: 2);
        var page = await staff.GetDocumentAsync($"/Staff/Dispatch/{waveId}");
        Assert.NotNull(page.QuerySelector($"tr[data-town='{townId}'] form.change-date"));
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var receipts = scope.ServiceProvider.GetRequiredService<MilleLivres.Core.Receipt.CartonReceipts>();
            var staffUser = new MilleLivres.Core.Receipt.ReceiptUser(null, IsStaff: true);
            var remaining = await receipts.RemainingAsync(staffUser, waveId, townId);
            Assert.Equal(remaining, await receipts.ConfirmAllRemainingAsync(staffUser, waveId, townId, remaining, null));
        }
        Assert.NotNull(await app.Factory.WithDbAsync(db => db.Shipments.Where(s => s.Id == shipment.Id).Select(s => s.ReceivedOn).SingleAsync()));

        // The page no longer offers the change; the form of a page loaded before the receipt is refused in French.
        Assert.Null((await staff.GetDocumentAsync($"/Staff/Dispatch/{waveId}")).QuerySelector($"tr[data-town='{townId}'] form.change-date"));
        var refused = await staff.SubmitFormAsync(page, new Dictionary<string, string>
        {
            ["Change.ExpectedOn"] = shipment.ExpectedOn.AddDays(3).ToString("yyyy-MM-dd"),
            ["__SubmissionKey"] = Guid.NewGuid().ToString("N"),
        }, $"tr[data-town='{townId}'] form.change-date");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("la date de livraison ne peut plus changer", (await Http.ParseAsync(refused)).Text());
        var after = await app.Factory.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.Id == shipment.Id));
        Assert.Equal((shipment.ExpectedOn, 0), (after.ExpectedOn, after.ExpectedDateChanges));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.ShipmentId == shipment.Id && m.Kind == OutboxEmailKind.DeliveryDateChanged)));
    }
}
