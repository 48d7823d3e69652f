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
        Assert.Equal(1, await AuditsAsync(lensCarton.Id)); // only its creation
        // The token was valid: the same post on Boulogne's own carton goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await boulogne.PostAsync($"{Url(boulogneCarton.Code)}?handler=Confirm", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Input.ReceivedOn", DateTime.UtcNow.ToString("yyyy-MM-dd"))]))).StatusCode);
    }
}
