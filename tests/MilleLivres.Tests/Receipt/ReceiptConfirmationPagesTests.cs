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
        Assert.Equal(2, await AuditsAsync(carton.Id));
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
