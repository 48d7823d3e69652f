using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Receipt;

/// <summary>
/// Staff resolutions of a difference: write-off, replacement carton, and the open differences counted on the home.
/// </summary>
public class ReceiptResolutionPagesTests(SeededRealPackingApp app) : ReceiptPagesTestsBase(app), IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task Staff_write_off_records_the_loss_in_the_ledger_notifies_the_coordinator_and_is_not_done_twice()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 36, new Dictionary<string, int> { ["Lens"] = 2 });
        var lens = await AllocatedWave.TownIdAsync(App.Factory, "Lens");
        var carton = (await wave.CartonsAsync(App.Factory, lens))[0];
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);
        await LocationAsync(await coordinator.SubmitFormAsync("/Coordinator/Delivery", new Dictionary<string, string>(), $"tr.carton[data-code='{carton.Code}'] form.not-received"));
        var notReceived = await CartonAsync(carton.Id);
        Assert.Equal(CartonReceiptState.NotReceived, notReceived.ReceiptState);
        var difference = notReceived.Differences.OrderBy(d => d.Id).First();
        var onHand = await App.Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == difference.TitleId).Select(t => t.OnHand).SingleAsync());
        var mails = await App.Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.Kind == OutboxEmailKind.ReceiptDifferenceResolved && m.Recipient == Http.LensEmail));

        var staff = await App.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync("/Staff/Receipts/Differences");
        var form = $"section.difference[data-difference='{difference.Id}'] form.write-off";
        var empty = await staff.SubmitFormAsync(page, new Dictionary<string, string>(), form);
        Assert.Equal("Indiquez la raison de la sortie du stock.", (await Http.ParseAsync(empty)).FieldError("WriteOff.Note"));
        await LocationAsync(await staff.SubmitFormAsync(page, new Dictionary<string, string> { ["WriteOff.Note"] = "Perdu par le transporteur" }, form));

        var movement = Assert.Single(await App.Factory.WithDbAsync(db => db.StockMovements.AsNoTracking()
            .Where(m => m.WaveId == wave.WaveId && m.Kind == StockMovementKind.LostInTransit).ToListAsync()));
        Assert.Equal((difference.TitleId, -difference.Quantity, lens, Http.StaffEmail), (movement.TitleId, movement.Quantity, movement.TownId!.Value, movement.ActorName));
        Assert.Contains("Perdu par le transporteur", movement.Reason);
        Assert.Equal(onHand, await App.Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == difference.TitleId).Select(t => t.OnHand).SingleAsync()));
        var resolved = await App.Factory.WithDbAsync(db => db.ReceiptDifferences.AsNoTracking().SingleAsync(d => d.Id == difference.Id));
        Assert.Equal(DifferenceResolution.WrittenOff, resolved.Resolution);
        Assert.Equal(mails + 1, await App.Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.Kind == OutboxEmailKind.ReceiptDifferenceResolved && m.Recipient == Http.LensEmail)));
        Assert.Contains("La coordination est prévenue", (await staff.GetDocumentAsync("/Staff/Receipts/Differences")).Text());
        // The mail job sends it (the .eml pickup folder in tests): it names the carton and what was done.
        var sent = await Wait.UntilAsync(
            () => App.Factory.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
                .Where(m => m.Kind == OutboxEmailKind.ReceiptDifferenceResolved && m.Recipient == Http.LensEmail)
                .OrderByDescending(m => m.Id).FirstAsync()),
            m => m.Status == OutboxEmailStatus.Sent);
        Assert.Contains("Écart de réception traité — Lens", sent.Subject);
        Assert.Contains($"Carton n° {carton.Number}", sent.TextBody);
        Assert.Contains("perdus ou abîmés en transport", sent.TextBody);
        Assert.Contains("Perdu par le transporteur", sent.TextBody);

        // The same form posted again (a double click): the one-time form key replays the first outcome (ADR 0500),
        // and nothing is written twice; the domain's own refusal is covered by CartonReceiptTests.
        var again = await staff.SubmitFormAsync(page, new Dictionary<string, string> { ["WriteOff.Note"] = "Perdu par le transporteur" }, form);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        // A new submission of the old page (another tab): the difference refuses a second resolution.
        var otherTab = await staff.SubmitFormAsync(page, new Dictionary<string, string> { ["WriteOff.Note"] = "Perdu par le transporteur", ["__SubmissionKey"] = Guid.NewGuid().ToString("N") }, form);
        Assert.Equal(HttpStatusCode.OK, otherTab.StatusCode);
        Assert.Contains("Cet écart a déjà été traité", (await Http.ParseAsync(otherTab)).Text());
        Assert.Equal(1, await App.Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.WaveId == wave.WaveId && m.Kind == StockMovementKind.LostInTransit)));

        // Resolved: the coordinator can no longer change this carton's receipt.
        Assert.NotNull((await coordinator.GetDocumentAsync(Url(carton.Code))).QuerySelector("#receipt-locked"));
        var stockCard = await staff.GetDocumentAsync($"/Staff/Stock/Details/{difference.TitleId}");
        Assert.Contains("perdu / abîmé en transport", stockCard.QuerySelector("#stock-card")!.TextContent);
        Assert.Contains("sorti du stock (perdu / abîmé en transport)", stockCard.QuerySelector("#title-differences .resolution")!.TextContent);
    }

    [Fact]
    public async Task Staff_replacement_reserves_the_copies_in_a_new_carton_that_staff_dispatch_with_its_notice_then_the_coordinator_receives_it()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 37, new Dictionary<string, int> { ["Lens"] = 2 });
        var lens = await AllocatedWave.TownIdAsync(App.Factory, "Lens");
        var cartons = await wave.CartonsAsync(App.Factory, lens);
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);
        await LocationAsync(await coordinator.SubmitFormAsync(Url(cartons[0].Code), new Dictionary<string, string>
        {
            ["Input.Lines[0].Quantity"] = "1",
            ["Input.Lines[0].Reason"] = nameof(DifferenceReason.Missing),
        }, "form#differences"));
        var difference = Assert.Single((await CartonAsync(cartons[0].Id)).Differences);
        var before = await App.Factory.WithDbAsync(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == difference.TitleId));

        var staff = await App.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync("/Staff/Receipts/Differences");
        var form = $"section.difference[data-difference='{difference.Id}'] form.replace";
        await LocationAsync(await staff.SubmitFormAsync(page, new Dictionary<string, string>(), form));

        var replacement = await App.Factory.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines)
            .SingleAsync(c => c.WaveId == wave.WaveId && c.ReplacesDifferenceId != null));
        Assert.Equal(cartons.Count + 1, replacement.Number);
        Assert.NotEqual(cartons[0].Code, replacement.Code);
        Assert.Equal(difference.Id, replacement.ReplacesDifferenceId);
        Assert.Null(replacement.DispatchedOn);
        var line = Assert.Single(replacement.Lines);
        Assert.Equal((difference.TitleId, difference.AgeBandId, 1), (line.TitleId, line.AgeBandId, line.Quantity));
        Task<List<(StockMovementKind Kind, int Quantity)>> MovementsAsync() => App.Factory.WithDbAsync(async db => (await db.StockMovements.AsNoTracking()
            .Where(m => m.WaveId == wave.WaveId && m.TitleId == difference.TitleId).OrderBy(m => m.Id).Select(m => new { m.Kind, m.Quantity }).ToListAsync())
            .Select(m => (m.Kind, m.Quantity)).ToList());
        // Resolving reserves the copies again; they leave the stock only when the carton is dispatched.
        Assert.Equal([StockMovementKind.Reserved, StockMovementKind.Shipped, StockMovementKind.Reserved], (await MovementsAsync()).Select(m => m.Kind));
        var reserved = await App.Factory.WithDbAsync(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == difference.TitleId));
        Assert.Equal((before.OnHand, before.Reserved + 1), (reserved.OnHand, reserved.Reserved));
        var resolved = await App.Factory.WithDbAsync(db => db.ReceiptDifferences.AsNoTracking().SingleAsync(d => d.Id == difference.Id));
        Assert.Equal((DifferenceResolution.Replaced, replacement.Id), (resolved.Resolution, resolved.ReplacementCartonId!.Value));

        var again = await staff.SubmitFormAsync(page, new Dictionary<string, string>(), form);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var otherTab = await staff.SubmitFormAsync(page, new Dictionary<string, string> { ["__SubmissionKey"] = Guid.NewGuid().ToString("N") }, form);
        Assert.Contains("Cet écart a déjà été traité", (await Http.ParseAsync(otherTab)).Text());
        Assert.Equal(1, await App.Factory.WithDbAsync(db => db.Cartons.CountAsync(c => c.WaveId == wave.WaveId && c.ReplacesDifferenceId != null)));

        // Not dispatched yet: the coordinator sees it « en préparation » and cannot receive it.
        var deliveries = await coordinator.GetDocumentAsync("/Coordinator/Delivery");
        var row = deliveries.QuerySelector($"tr.carton[data-code='{replacement.Code}']")!;
        Assert.Equal("en préparation", row.QuerySelector(".state")!.TextContent.Trim());
        Assert.Null(row.QuerySelector("form.not-received"));
        var receiptPage = await coordinator.GetDocumentAsync(Url(replacement.Code));
        Assert.NotNull(receiptPage.QuerySelector("#not-dispatched"));
        Assert.Null(receiptPage.QuerySelector("form#confirm"));
        var receipts = App.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<CartonReceipts>();
        await Assert.ThrowsAsync<CartonNotDispatchedException>(() => receipts.ConfirmAsync(new ReceiptUser(null, IsStaff: true), replacement.Code, null));

        // Its own slip, made in the background, with its own code.
        var slip = await Wait.UntilAsync(
            () => App.Factory.WithDbAsync(db => db.GeneratedDocuments.Where(d => d.Kind == ReplacementSlipWork.DocumentKind && d.OwnerKey == ReplacementSlipWork.OwnerKey(replacement.Id))
                .Select(d => d.Content).SingleOrDefaultAsync()),
            content => content is not null);
        Assert.Contains($"code {CartonCode.Display(replacement.Code)}", string.Join("\n", PdfReading.PageTexts(slip!)));

        // Staff find it on the differences page and dispatch it from the wave's dispatch page, like a shipment.
        var toDispatch = (await staff.GetDocumentAsync("/Staff/Receipts/Differences")).QuerySelector($"#replacements-to-dispatch li[data-carton='{replacement.Id}'] a.dispatch-replacement")!;
        Assert.Equal($"/Staff/Dispatch/{wave.WaveId}", toDispatch.GetAttribute("href"));
        var dispatchPage = await staff.GetDocumentAsync($"/Staff/Dispatch/{wave.WaveId}");
        var dispatchForm = $"tr.replacement[data-carton='{replacement.Id}'] form.replacement-dispatch";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expected = Core.Dispatch.WorkingDays.Add(today, 3);
        Assert.Equal(today.ToString("yyyy-MM-dd"), dispatchPage.QuerySelector($"{dispatchForm} input[name='Replacement.DispatchedOn']")!.GetAttribute("value"));
        Assert.Equal(expected.ToString("yyyy-MM-dd"), dispatchPage.QuerySelector($"{dispatchForm} input[name='Replacement.ExpectedOn']")!.GetAttribute("value"));
        var wrong = await staff.SubmitFormAsync(dispatchPage, new Dictionary<string, string> { ["Replacement.ExpectedOn"] = today.AddDays(-1).ToString("yyyy-MM-dd") }, dispatchForm);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.StartsWith("La livraison prévue ne peut pas précéder l'expédition", (await Http.ParseAsync(wrong)).FieldError("Replacement.ExpectedOn"));
        Assert.Equal(3, (await MovementsAsync()).Count);
        var sentPage = await staff.SubmitFormAsync(dispatchPage, new Dictionary<string, string>
        {
            ["Replacement.Carrier"] = "Colissimo",
            ["Replacement.TrackingNumber"] = "6A-998877",
            ["__SubmissionKey"] = Guid.NewGuid().ToString("N"),
        }, dispatchForm);
        Assert.Equal($"/Staff/Dispatch/{wave.WaveId}", await LocationAsync(sentPage));

        var dispatched = await CartonAsync(replacement.Id);
        Assert.Equal((today, expected, "Colissimo", "6A-998877", Http.StaffEmail),
            (dispatched.DispatchedOn!.Value, dispatched.ExpectedOn!.Value, dispatched.Carrier, dispatched.TrackingNumber, dispatched.DispatchedBy));
        Assert.Equal([StockMovementKind.Reserved, StockMovementKind.Shipped, StockMovementKind.Reserved, StockMovementKind.Shipped], (await MovementsAsync()).Select(m => m.Kind));
        Assert.Equal([1, -1], (await MovementsAsync()).Skip(2).Select(m => m.Quantity));
        var after = await App.Factory.WithDbAsync(db => db.Titles.AsNoTracking().SingleAsync(t => t.Id == difference.TitleId));
        Assert.Equal((before.OnHand - 1, before.Reserved), (after.OnHand, after.Reserved));
        Assert.True(await App.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Carton) && a.EntityId == replacement.Id.ToString()
            && a.ActorName == Http.StaffEmail && a.Changes.Contains("DispatchedOn"))));
        Assert.Null((await staff.GetDocumentAsync("/Staff/Receipts/Differences")).QuerySelector($"#replacements-to-dispatch li[data-carton='{replacement.Id}']"));

        // Dispatching it again from another tab is refused; nothing moves twice.
        var twice = await staff.SubmitFormAsync(dispatchPage, new Dictionary<string, string> { ["__SubmissionKey"] = Guid.NewGuid().ToString("N") }, dispatchForm);
        Assert.Contains("est déjà expédié", (await Http.ParseAsync(twice)).Text());
        Assert.Equal(4, (await MovementsAsync()).Count);

        // Its delivery notice: to the coordinator, its own slip and an .ics of its own (the .eml pickup folder here).
        var row2 = await Wait.UntilAsync(
            () => App.Factory.WithDbAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(m => m.Kind == OutboxEmailKind.ReplacementNotice && m.CartonId == replacement.Id)),
            m => m.Status == OutboxEmailStatus.Sent);
        Assert.Equal(1, await App.Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.Kind == OutboxEmailKind.ReplacementNotice && m.CartonId == replacement.Id)));
        var message = Mail.EmlFiles.All(App.Factory).Single(m => m.MessageId == row2.MessageId);
        Assert.Equal("Un carton de remplacement est en route — Lens, vague 37", message.Subject);
        var coordinatorAddress = await App.Factory.WithDbAsync(db => db.Towns.Where(t => t.Id == lens).Select(t => t.CoordinatorContact.Email).SingleAsync());
        Assert.Equal(coordinatorAddress, Assert.Single(message.To.Mailboxes).Address);
        var french = new System.Globalization.CultureInfo("fr-FR");
        Assert.Contains($"Le carton de remplacement {CartonCode.Display(replacement.Code)} (carton n° {replacement.Number})", message.TextBody);
        Assert.Contains($"Livraison prévue le {expected.ToString("dddd d MMMM yyyy", french)}.", message.TextBody);
        Assert.Contains("Transporteur : Colissimo", message.TextBody);
        Assert.Contains("Numéro de suivi : 6A-998877", message.TextBody);
        Assert.Contains($"/Coordinator/Receipt/{replacement.Code}", message.TextBody);
        Assert.Contains("Colissimo", message.HtmlBody);
        var pdf = message.Attachments.OfType<MimeKit.MimePart>().Single(a => a.ContentType.MimeType == "application/pdf");
        using (var bytes = new MemoryStream())
        {
            pdf.Content!.DecodeTo(bytes);
            Assert.Contains($"code {CartonCode.Display(replacement.Code)}", string.Join("\n", PdfReading.PageTexts(bytes.ToArray())));
        }
        var ics = message.Attachments.OfType<MimeKit.MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using (var bytes = new MemoryStream())
        {
            ics.Content!.DecodeTo(bytes);
            var calendar = Mail.Ics.Properties(System.Text.Encoding.UTF8.GetString(bytes.ToArray()));
            Assert.Equal(expected.ToString("yyyyMMdd"), calendar["DTSTART"]);
            Assert.Equal($"carton-{replacement.Id}@millelivres", calendar["UID"]);
        }

        // The coordinator sees the notice with the delivery's mails, and receives the carton like any other.
        deliveries = await coordinator.GetDocumentAsync("/Coordinator/Delivery");
        Assert.Contains("Un carton de remplacement est en route", deliveries.QuerySelector($"section.delivery[data-wave='{wave.WaveId}']")!.TextContent);
        Assert.Equal("expédié", deliveries.QuerySelector($"tr.carton[data-code='{replacement.Code}'] .state")!.TextContent.Trim());
        await LocationAsync(await coordinator.SubmitFormAsync(Url(replacement.Code), new Dictionary<string, string>(), "form#confirm"));
        Assert.Equal(CartonReceiptState.Conforming, (await CartonAsync(replacement.Id)).ReceiptState);
    }

    [Fact]
    public async Task Staff_reach_the_open_differences_from_the_home_which_counts_them()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 40, new Dictionary<string, int> { ["Lens"] = 1 });
        var lens = await AllocatedWave.TownIdAsync(App.Factory, "Lens");
        var carton = (await wave.CartonsAsync(App.Factory, lens))[0];
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);
        await LocationAsync(await coordinator.SubmitFormAsync("/Coordinator/Delivery", new Dictionary<string, string>(), $"tr.carton[data-code='{carton.Code}'] form.not-received"));
        var open = await App.Factory.WithDbAsync(db => db.ReceiptDifferences.CountAsync(d => d.Resolution == DifferenceResolution.Open));
        Assert.True(open >= 1);

        var staff = await App.Factory.SignedInClientAsync(Http.StaffEmail);
        var home = await staff.GetDocumentAsync("/Staff");
        Assert.Equal(open.ToString(System.Globalization.CultureInfo.InvariantCulture), home.QuerySelector("#attention-differences .count")!.TextContent.Trim());
        var link = home.QuerySelector("#attention-differences a")!.GetAttribute("href")!;
        Assert.Equal("/Staff/Receipts/Differences", link);
        var list = await staff.GetDocumentAsync(link);
        Assert.Equal(open, list.QuerySelectorAll("section.difference").Length);

        // The page is not a coordinator's.
        Assert.NotEqual(HttpStatusCode.OK, (await coordinator.GetAsync("/Staff/Receipts/Differences")).StatusCode);
    }
}
