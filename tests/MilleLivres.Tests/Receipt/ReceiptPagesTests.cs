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
/// Receipt over the real app (real SQLite file, real jobs): the coordinator's pages posted as a browser without
/// JavaScript would, and the staff's resolutions. Each test dispatches its own wave to Lens and/or Boulogne-sur-Mer.
/// </summary>
/// <remarks>
/// The tests are split in three classes (ADR 0546) so that their hosts run side by side: together they were the last
/// minute of the suite. They share these helpers (one file); each class has its own app.
/// </remarks>
public abstract class ReceiptPagesTestsBase(SeededRealPackingApp app)
{
    protected SeededRealPackingApp App { get; } = app;

    protected static string Url(string code) => $"/Coordinator/Receipt/{code}";

    protected Task<Carton> CartonAsync(int id) =>
        App.Factory.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines).Include(c => c.Differences).SingleAsync(c => c.Id == id));

    protected Task<int> AuditsAsync(int cartonId) =>
        App.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Carton) && a.EntityId == cartonId.ToString()));

    protected static async Task<string> LocationAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode}: {(await Http.ParseAsync(response)).QuerySelector("main")?.TextContent}");
        return response.Headers.Location!.OriginalString;
    }
}

/// <summary>
/// The coordinator's pages: one carton confirmed, the pages' weight, the correction window, another town's ids.
/// </summary>
public class ReceiptPagesTests(SeededRealPackingApp app) : ReceiptPagesTestsBase(app), IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task Coordinator_confirms_a_carton_the_deliveries_page_shows_it_received_and_a_double_post_changes_nothing()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 30, new Dictionary<string, int> { ["Lens"] = 3 });
        var lens = await AllocatedWave.TownIdAsync(App.Factory, "Lens");
        var carton = (await wave.CartonsAsync(App.Factory, lens))[0];
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);

        var page = await coordinator.GetDocumentAsync(Url(carton.Code));
        Assert.Equal("expédié", page.QuerySelector("#receipt-state strong")!.TextContent.Trim());
        Assert.Equal("/Coordinator/Delivery", await LocationAsync(await coordinator.SubmitFormAsync(page, new Dictionary<string, string>(), "form#confirm")));

        var received = await CartonAsync(carton.Id);
        Assert.Equal(CartonReceiptState.Conforming, received.ReceiptState);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), received.ReceivedOn);
        Assert.Equal(Http.LensEmail, received.ReceiptRecordedBy);
        var audits = await AuditsAsync(carton.Id);
        Assert.True(await App.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Carton)
            && a.EntityId == carton.Id.ToString() && a.Action == "Modified" && a.ActorName == Http.LensEmail && a.Changes.Contains("ReceiptState"))));

        // The same form posted again (a double tap): one receipt.
        Assert.Equal("/Coordinator/Delivery", await LocationAsync(await coordinator.SubmitFormAsync(page, new Dictionary<string, string>(), "form#confirm")));
        Assert.Equal(1, (await CartonAsync(carton.Id)).ReceiptRevision);
        Assert.Equal(audits, await AuditsAsync(carton.Id));

        var deliveries = await coordinator.GetDocumentAsync("/Coordinator/Delivery");
        var section = deliveries.QuerySelector($"section.delivery[data-wave='{wave.WaveId}']")!;
        Assert.Equal("reçu conforme", section.QuerySelector($"tr.carton[data-code='{carton.Code}'] .state")!.TextContent.Trim());
        var count = (await wave.CartonsAsync(App.Factory, lens)).Count;
        Assert.Equal($"1 / {count} cartons reçus", section.QuerySelector(".receipt-progress")!.TextContent.Trim());
    }

    [Fact]
    public async Task Receipt_and_deliveries_pages_are_light_and_their_assets_are_versioned_for_caching()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 38, new Dictionary<string, int> { ["Lens"] = 8 });
        var carton = (await wave.CartonsAsync(App.Factory, await AllocatedWave.TownIdAsync(App.Factory, "Lens")))[0];
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);
        foreach (var url in new[] { Url(carton.Code), "/Coordinator/Delivery" })
        {
            var response = await coordinator.GetAsync(url);
            var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            Assert.True(bytes < 100_000, $"{url}: {bytes} bytes");
            var page = await Http.ParseAsync(response);
            // After the first visit the browser keeps the stylesheets: each carries its version, so it is never asked again.
            Assert.All(page.QuerySelectorAll("link[rel=stylesheet], script[src]"),
                e => Assert.Contains("?v=", e.GetAttribute("href") ?? e.GetAttribute("src")));
        }
    }

    [Fact]
    public async Task After_the_correction_window_the_coordinator_is_refused_and_staff_still_correct_under_their_name()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 39, new Dictionary<string, int> { ["Lens"] = 2 });
        var carton = (await wave.CartonsAsync(App.Factory, await AllocatedWave.TownIdAsync(App.Factory, "Lens")))[0];
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);
        await LocationAsync(await coordinator.SubmitFormAsync(Url(carton.Code), new Dictionary<string, string>(), "form#confirm"));
        // Eight days later, as the clock would have it.
        await App.Factory.WithDbAsync(db => db.Cartons.Where(c => c.Id == carton.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FirstReceiptAtUtc, DateTime.UtcNow.AddDays(-8))));

        var page = await coordinator.GetDocumentAsync(Url(carton.Code));
        Assert.Contains("passé 7 jours, seule l'équipe Biblionef peut la corriger", page.QuerySelector("#receipt-locked")!.TextContent);
        Assert.Null(page.QuerySelector("form#confirm"));
        var refused = await coordinator.PostAsync($"{Url(carton.Code)}?handler=NotReceived", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Http.AntiforgeryToken(page, "header form"))]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("seule l'équipe Biblionef peut la corriger", (await Http.ParseAsync(refused)).Text());
        Assert.Equal(CartonReceiptState.Conforming, (await CartonAsync(carton.Id)).ReceiptState);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/Staff/Receipts/Carton/{carton.Code}")).StatusCode);

        var staff = await App.Factory.SignedInClientAsync(Http.StaffEmail);
        await LocationAsync(await staff.SubmitFormAsync($"/Staff/Receipts/Carton/{carton.Code}", new Dictionary<string, string>(), "form#not-received"));
        var corrected = await CartonAsync(carton.Id);
        Assert.Equal((CartonReceiptState.NotReceived, Http.StaffEmail), (corrected.ReceiptState, corrected.ReceiptRecordedBy));
        Assert.Equal(corrected.Lines.Sum(l => l.Quantity), corrected.Differences.Sum(d => d.Quantity));
        Assert.True(await App.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Carton)
            && a.EntityId == carton.Id.ToString() && a.Action == "Modified" && a.ActorName == Http.StaffEmail)));
    }

    [Fact]
    public async Task Another_towns_coordinator_gets_404_even_posting_a_real_form_with_a_valid_token_and_nothing_changes()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 31, new Dictionary<string, int> { ["Lens"] = 2, ["Boulogne-sur-Mer"] = 2 });
        var lensCarton = (await wave.CartonsAsync(App.Factory, await AllocatedWave.TownIdAsync(App.Factory, "Lens")))[0];
        var boulogneCarton = (await wave.CartonsAsync(App.Factory, await AllocatedWave.TownIdAsync(App.Factory, "Boulogne-sur-Mer")))[0];
        var boulogne = await App.Factory.SignedInClientAsync(Http.BoulogneEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await boulogne.GetAsync(Url(lensCarton.Code))).StatusCode);
        var own = await boulogne.GetDocumentAsync(Url(boulogneCarton.Code));
        var token = Http.AntiforgeryToken(own, "form#confirm");
        foreach (var handler in new[] { "Confirm", "NotReceived", "Differences" })
        {
            var response = await boulogne.PostAsync($"{Url(lensCarton.Code)}?handler={handler}", new FormUrlEncodedContent([
                new("__RequestVerificationToken", token),
                new("Input.ReceivedOn", DateTime.UtcNow.ToString("yyyy-MM-dd")),
                new("Input.Lines[0].CartonLineId", lensCarton.Lines.First().Id.ToString()),
                new("Input.Lines[0].Quantity", "1"),
            ]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var confirmAll = await boulogne.PostAsync($"/Coordinator/ConfirmAll/{wave.WaveId}/{lensCarton.TownId}", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Expected", "1")]));
        Assert.Equal(HttpStatusCode.NotFound, confirmAll.StatusCode);

        var unchanged = await CartonAsync(lensCarton.Id);
        Assert.Equal(CartonReceiptState.Awaiting, unchanged.ReceiptState);
        Assert.Empty(unchanged.Differences);
        Assert.Equal(0, await AuditsAsync(lensCarton.Id)); // no change (its creation is in its town's « cartons faits » entry)
        // The token was valid: the same post on Boulogne's own carton goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await boulogne.PostAsync($"{Url(boulogneCarton.Code)}?handler=Confirm", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Input.ReceivedOn", DateTime.UtcNow.ToString("yyyy-MM-dd"))]))).StatusCode);
    }
}

/// <summary>
/// Confirmations racing, differences at the field, a carton not yet left, and confirming all the remaining cartons.
/// </summary>
public class ReceiptConfirmationPagesTests(SeededRealPackingApp app) : ReceiptPagesTestsBase(app), IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task Two_confirmations_of_one_carton_at_the_same_time_give_one_receipt()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 32, new Dictionary<string, int> { ["Lens"] = 2 });
        var carton = (await wave.CartonsAsync(App.Factory, await AllocatedWave.TownIdAsync(App.Factory, "Lens")))[0];
        var staff = new ReceiptUser(null, IsStaff: true);
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = App.Factory.Services.CreateAsyncScope();
            var receipts = scope.ServiceProvider.GetRequiredService<CartonReceipts>();
            start.Wait();
            return await receipts.ConfirmAsync(staff, carton.Code, null);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Changed);
        var received = await CartonAsync(carton.Id);
        Assert.Equal(CartonReceiptState.Conforming, received.ReceiptState);
        Assert.Equal(1, received.ReceiptRevision);
        Assert.Equal(1, await AuditsAsync(carton.Id)); // one receipt change (its creation is in its town's « cartons faits » entry)
    }

    [Fact]
    public async Task Differences_over_the_line_quantity_are_refused_at_the_field_then_a_right_report_is_recorded_with_reason_and_comment()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 33, new Dictionary<string, int> { ["Lens"] = 3 });
        var carton = (await wave.CartonsAsync(App.Factory, await AllocatedWave.TownIdAsync(App.Factory, "Lens")))[0];
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);
        var page = await coordinator.GetDocumentAsync(Url(carton.Code));
        var quantity = int.Parse(page.QuerySelector("fieldset.difference-line .line-quantity")!.TextContent);

        var refused = await coordinator.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.Lines[0].Quantity"] = (quantity + 1).ToString() }, "form#differences");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal($"Au plus {quantity} exemplaire(s) : c'est ce que contient cette ligne du carton.", (await Http.ParseAsync(refused)).FieldError("Input.Lines[0].Quantity"));
        Assert.Equal(CartonReceiptState.Awaiting, (await CartonAsync(carton.Id)).ReceiptState);

        var none = await coordinator.SubmitFormAsync(page, new Dictionary<string, string>(), "form#differences");
        Assert.Contains("Indiquez au moins un exemplaire manquant ou abîmé", (await Http.ParseAsync(none)).Text());

        var future = await coordinator.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.ReceivedOn"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") }, "form#confirm");
        Assert.Contains("ne peut pas être dans le futur", (await Http.ParseAsync(future)).Text());

        Assert.Equal("/Coordinator/Delivery", await LocationAsync(await coordinator.SubmitFormAsync(page, new Dictionary<string, string>
        {
            ["Input.Lines[0].Quantity"] = "1",
            ["Input.Lines[0].Reason"] = nameof(DifferenceReason.Damaged),
            ["Input.Lines[0].Comment"] = "coin écrasé",
        }, "form#differences")));
        var reported = await CartonAsync(carton.Id);
        Assert.Equal(CartonReceiptState.WithDifferences, reported.ReceiptState);
        var difference = Assert.Single(reported.Differences);
        Assert.Equal((1, DifferenceReason.Damaged, "coin écrasé", Http.LensEmail), (difference.Quantity, difference.Reason, difference.Comment, difference.ReportedBy));
        Assert.Contains("Écart : 1 abîmé — coin écrasé", (await coordinator.GetDocumentAsync(Url(carton.Code))).QuerySelector("#carton-lines")!.TextContent);
    }

    [Fact]
    public async Task A_carton_whose_delivery_has_not_left_cannot_be_received()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 34, new Dictionary<string, int> { ["Lens"] = 2 }, dispatch: false);
        var carton = (await wave.CartonsAsync(App.Factory, await AllocatedWave.TownIdAsync(App.Factory, "Lens")))[0];
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);
        var page = await coordinator.GetDocumentAsync(Url(carton.Code));
        Assert.NotNull(page.QuerySelector("#not-dispatched"));
        Assert.Null(page.QuerySelector("form#confirm"));

        var token = Http.AntiforgeryToken(page, "header form");
        var response = await coordinator.PostAsync($"{Url(carton.Code)}?handler=Confirm", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Input.ReceivedOn", DateTime.UtcNow.ToString("yyyy-MM-dd"))]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("n'est pas encore expédié : sa réception ne peut pas être enregistrée", (await Http.ParseAsync(response)).Text());
        Assert.Equal(CartonReceiptState.Awaiting, (await CartonAsync(carton.Id)).ReceiptState);
    }

    [Fact]
    public async Task Confirming_all_remaining_names_how_many_then_the_shipment_is_received_the_wave_delivered_and_the_acknowledgement_reads_back()
    {
        var wave = await DispatchedWave.CreateAsync(App.Factory, 35, new Dictionary<string, int> { ["Lens"] = 8 });
        var lens = await AllocatedWave.TownIdAsync(App.Factory, "Lens");
        var cartons = await wave.CartonsAsync(App.Factory, lens);
        Assert.True(cartons.Count >= 2);
        var coordinator = await App.Factory.SignedInClientAsync(Http.LensEmail);
        await LocationAsync(await coordinator.SubmitFormAsync(Url(cartons[0].Code), new Dictionary<string, string>
        {
            ["Input.Lines[0].Quantity"] = "1",
            ["Input.Lines[0].Reason"] = nameof(DifferenceReason.Damaged),
            ["Input.Lines[0].Comment"] = "coin écrasé",
        }, "form#differences"));

        var deliveries = await coordinator.GetDocumentAsync("/Coordinator/Delivery");
        var link = deliveries.QuerySelector($"section.delivery[data-wave='{wave.WaveId}'] a.confirm-all")!.GetAttribute("href")!;
        var confirm = await coordinator.GetDocumentAsync(link);
        Assert.Contains($"Vous allez confirmer {cartons.Count - 1} carton(s) comme reçus conformes", confirm.QuerySelector("#confirm-question")!.TextContent);
        Assert.Equal("/Coordinator/Delivery", await LocationAsync(await coordinator.SubmitFormAsync(confirm, new Dictionary<string, string>(), "form#confirm-all")));

        var states = (await wave.CartonsAsync(App.Factory, lens)).Select(c => c.ReceiptState).ToList();
        Assert.Equal(cartons.Count - 1, states.Count(s => s == CartonReceiptState.Conforming));
        var shipment = await App.Factory.WithDbAsync(db => db.Shipments.AsNoTracking().SingleAsync(s => s.WaveId == wave.WaveId));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), shipment.ReceivedOn);
        Assert.Equal(WaveStatus.Delivered, await App.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == wave.WaveId).Select(w => w.Status).SingleAsync()));
        // « Livrée » on the day its last town received its cartons, shown on the wave's page.
        Assert.Equal(shipment.ReceivedOn, await App.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == wave.WaveId).Select(w => w.ActualDeliveryOn).SingleAsync()));
        var delivered = await (await App.Factory.SignedInClientAsync(Http.StaffEmail)).GetDocumentAsync($"/Staff/Waves/Details/{wave.WaveId}");
        Assert.Equal(shipment.ReceivedOn!.Value.ToString("dddd d MMMM yyyy", new System.Globalization.CultureInfo("fr-FR")), delivered.QuerySelector("#delivered-on")!.TextContent.Trim());

        // The same confirmation posted again: nothing left, nothing changes.
        Assert.Equal("/Coordinator/Delivery", await LocationAsync(await coordinator.SubmitFormAsync(confirm, new Dictionary<string, string>(), "form#confirm-all")));
        Assert.Equal(states, (await wave.CartonsAsync(App.Factory, lens)).Select(c => c.ReceiptState).ToList());

        // The acknowledgement is made in the background.
        var documentId = await Wait.UntilAsync(() => App.Factory.WithDbAsync(db => db.GeneratedDocuments
                .Where(d => d.Kind == AcknowledgementWork.DocumentKind && d.WaveId == wave.WaveId).Select(d => (long?)d.Id).SingleOrDefaultAsync()),
            id => id is not null);
        Assert.NotNull(documentId);
        deliveries = await coordinator.GetDocumentAsync("/Coordinator/Delivery");
        var download = deliveries.QuerySelector($"section.delivery[data-wave='{wave.WaveId}'] a.acknowledgement")!.GetAttribute("href")!;
        var pdf = await coordinator.GetAsync(download);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = string.Join("\n", PdfReading.PageLines(await pdf.Content.ReadAsByteArrayAsync()).SelectMany(p => p));
        Assert.Contains("Accusé de réception", text);
        Assert.Contains("Ville : Lens", text);
        Assert.Contains($"Vague : Vague 35", text);
        Assert.Contains($"Carton 1 / {cartons.Count} — {CartonCode.Display(cartons[0].Code)}", text);
        Assert.Contains($"— {cartons[0].Lines.Sum(l => l.Quantity)} livres — reçu avec écarts le {DateTime.UtcNow:dd/MM/yyyy}", text);
        Assert.Contains($"confirmé par {Http.LensEmail} le {DateTime.UtcNow:dd/MM/yyyy}", text);
        Assert.Contains("1 abîmé — à traiter — « coin écrasé »", text);
        var books = wave.Lines[lens].Sum(l => l.Quantity);
        Assert.Contains($"livres expédiés : {books} — reçus en bon état : {books - 1}", text);

        var staff = await App.Factory.SignedInClientAsync(Http.StaffEmail);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/Staff/Documents/Download/{documentId}")).StatusCode);
        var boulogne = await App.Factory.SignedInClientAsync(Http.BoulogneEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await boulogne.GetAsync(download)).StatusCode);
        var wavePage = await staff.GetDocumentAsync($"/Staff/Waves/Details/{wave.WaveId}");
        var row = wavePage.QuerySelector($"#receipt-progress tr[data-town='{lens}']")!;
        Assert.Equal($"{cartons.Count} / {cartons.Count}", row.QuerySelector(".received")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector(".with-differences")!.TextContent.Trim());
    }
}

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
