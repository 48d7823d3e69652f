using System.Net;
using AngleSharp.Dom;
using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Dispatch;

/// <summary>The staff dispatch page over the real app: each test packs its own wave (towns of closed waves 1 and 2).</summary>
public class DispatchTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    private static string Url(int waveId) => $"/Staff/Dispatch/{waveId}";

    private Task<WaveStatus> WaveStatusAsync(int waveId) =>
        app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync());

    private Task<List<Shipment>> ShipmentsAsync(int waveId) =>
        app.Factory.WithDbAsync(db => db.Shipments.AsNoTracking().Where(s => s.WaveId == waveId).ToListAsync());

    [Fact]
    public async Task Dispatching_one_town_then_the_rest_ships_their_books_in_the_ledger_and_the_wave_becomes_expediee()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, lines) = await PackedWave.CreateAsync(app.Factory, staff, 20, new Dictionary<string, int> { ["Grigny"] = 5, ["Bondy"] = 4 });
        var grigny = await AllocatedWave.TownIdAsync(app.Factory, "Grigny");
        var bondy = await AllocatedWave.TownIdAsync(app.Factory, "Bondy");
        var reservedBefore = await app.Factory.WithDbAsync(db => db.Titles.Where(t => lines[grigny].Select(l => l.TitleId).Contains(t.Id)).SumAsync(t => t.Reserved));

        var response = await staff.SubmitFormAsync(Url(waveId), new Dictionary<string, string>
        {
            ["Input.TownId"] = grigny.ToString(),
            ["Input.Carrier"] = "Transports Dupré",
            ["Input.TrackingNumber"] = "XY-123",
        }, "form#dispatch");
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, (await Http.ParseAsync(response)).QuerySelector("main")?.TextContent);

        var shipment = Assert.Single(await ShipmentsAsync(waveId));
        Assert.Equal(grigny, shipment.TownId);
        Assert.Equal("Transports Dupré", shipment.Carrier);
        Assert.Equal(WorkingDays.Add(shipment.DispatchedOn, 3), shipment.ExpectedOn);
        Assert.Equal(WaveStatus.Packed, await WaveStatusAsync(waveId));
        var shipped = await app.Factory.WithDbAsync(db => db.StockMovements.AsNoTracking()
            .Where(m => m.WaveId == waveId && m.Kind == StockMovementKind.Shipped).ToListAsync());
        Assert.All(shipped, m => Assert.Equal(grigny, m.TownId));
        Assert.Equal(lines[grigny].Sum(l => l.Quantity), -shipped.Sum(m => m.Quantity));
        var reservedAfter = await app.Factory.WithDbAsync(db => db.Titles.Where(t => lines[grigny].Select(l => l.TitleId).Contains(t.Id)).SumAsync(t => t.Reserved));
        Assert.Equal(reservedBefore - lines[grigny].Sum(l => l.Quantity), reservedAfter);
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Shipment) && a.Action == "Added" && a.ActorName == Http.StaffEmail)));

        var page = await staff.GetDocumentAsync(Url(waveId));
        Assert.StartsWith("Expédiée le", page.QuerySelector($"tr[data-town='{grigny}'] td.state")!.TextContent.Trim());
        Assert.Equal("Prête à partir", page.QuerySelector($"tr[data-town='{bondy}'] td.state")!.TextContent.Trim());

        // "All towns not dispatched yet" is the default choice.
        response = await staff.SubmitFormAsync(page, new Dictionary<string, string>(), "form#dispatch");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, (await ShipmentsAsync(waveId)).Count);
        Assert.Equal(WaveStatus.Dispatched, await WaveStatusAsync(waveId));
        page = await staff.GetDocumentAsync(Url(waveId));
        Assert.Equal("expédiée", page.QuerySelector("#wave-status")!.TextContent.Trim());
        Assert.Contains("Expédié : Bondy.", page.QuerySelector("#dispatch-message")!.TextContent);
        Assert.Null(page.QuerySelector("form#dispatch"));
        var shippedAll = await app.Factory.WithDbAsync(db => db.StockMovements.Where(m => m.WaveId == waveId && m.Kind == StockMovementKind.Shipped).SumAsync(m => m.Quantity));
        Assert.Equal(lines.Values.SelectMany(l => l).Sum(l => l.Quantity), -shippedAll);
    }

    [Fact]
    public async Task The_form_is_prefilled_with_today_and_three_working_days_later()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, 21, new Dictionary<string, int> { ["Trappes"] = 2 });
        var page = await staff.GetDocumentAsync(Url(waveId));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(today.ToString("yyyy-MM-dd"), page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_DispatchedOn")!.Value);
        Assert.Equal(WorkingDays.Add(today, 3).ToString("yyyy-MM-dd"), page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_ExpectedOn")!.Value);
    }

    [Fact]
    public async Task A_second_identical_post_changes_nothing()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, 22, new Dictionary<string, int> { ["Lormont"] = 3 });
        var page = await staff.GetDocumentAsync(Url(waveId));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(page, new Dictionary<string, string>(), "form#dispatch")).StatusCode);
        var movements = await app.Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.WaveId == waveId));

        // The same form again (double click): the one-time form key replays the first outcome (ADR 0500).
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(page, new Dictionary<string, string>(), "form#dispatch")).StatusCode);
        // The stale page posted anew (another tab): the dispatch itself refuses.
        var second = await staff.SubmitFormAsync(page, new Dictionary<string, string> { ["__SubmissionKey"] = Guid.NewGuid().ToString("N") }, "form#dispatch");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Toutes les villes de cette vague sont déjà expédiées.", (await Http.ParseAsync(second)).Text());
        Assert.Single(await ShipmentsAsync(waveId));
        Assert.Equal(movements, await app.Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.WaveId == waveId)));
    }

    [Fact]
    public async Task A_wave_not_packed_cannot_be_dispatched_and_nothing_is_written()
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app.Factory, 23, new Dictionary<string, int> { ["Chenôve"] = 2 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync(Url(waveId));
        Assert.Null(page.QuerySelector("form#dispatch"));
        Assert.NotNull(page.QuerySelector("#not-packed"));
        var token = Http.AntiforgeryToken(page, "body");
        var response = await staff.PostAsync($"{Url(waveId)}/Dispatch", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Input.DispatchedOn", DateTime.UtcNow.ToString("yyyy-MM-dd")),
            new("Input.ExpectedOn", DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd"))]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("on ne peut expédier qu'une vague dont les colis sont prêts", (await Http.ParseAsync(response)).Text());
        Assert.Empty(await ShipmentsAsync(waveId));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.WaveId == waveId && m.Kind == StockMovementKind.Shipped)));
        Assert.Single(lines);
    }

    [Fact]
    public async Task An_expected_day_before_dispatch_is_refused_at_the_field()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, 24, new Dictionary<string, int> { ["Corbeil-Essonnes"] = 2 });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await staff.SubmitFormAsync(Url(waveId), new Dictionary<string, string>
        {
            ["Input.ExpectedOn"] = today.AddDays(-2).ToString("yyyy-MM-dd"),
        }, "form#dispatch");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"La livraison prévue ne peut pas précéder l'expédition ({today:dd/MM/yyyy}).", (await Http.ParseAsync(response)).FieldError("Input.ExpectedOn"));
        Assert.Empty(await ShipmentsAsync(waveId));
    }

    [Fact]
    public async Task Staff_move_an_expected_day_once_and_the_same_day_again_changes_nothing()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, 25, new Dictionary<string, int> { ["Saint-Quentin"] = 2 });
        await staff.SubmitFormAsync(Url(waveId), new Dictionary<string, string>(), "form#dispatch");
        var shipment = Assert.Single(await ShipmentsAsync(waveId));
        var newDay = shipment.ExpectedOn.AddDays(4);

        var page = await staff.GetDocumentAsync(Url(waveId));
        var fields = new Dictionary<string, string> { ["Change.ExpectedOn"] = newDay.ToString("yyyy-MM-dd") };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(page, fields, "form.change-date")).StatusCode);
        var changed = Assert.Single(await ShipmentsAsync(waveId));
        Assert.Equal(newDay, changed.ExpectedOn);
        Assert.Equal(shipment.ExpectedOn, changed.PreviousExpectedOn);
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Shipment) && a.EntityId == shipment.Id.ToString() && a.Action == "Modified")));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(page, new Dictionary<string, string>(fields) { ["__SubmissionKey"] = Guid.NewGuid().ToString("N") }, "form.change-date")).StatusCode);
        Assert.Contains("rien n'a changé", (await staff.GetDocumentAsync(Url(waveId))).QuerySelector("#dispatch-message")!.TextContent);
        Assert.Equal(shipment.ExpectedOn, Assert.Single(await ShipmentsAsync(waveId)).PreviousExpectedOn);

        var refused = await staff.SubmitFormAsync(Url(waveId), new Dictionary<string, string> { ["Change.ExpectedOn"] = shipment.DispatchedOn.AddDays(-1).ToString("yyyy-MM-dd") }, "form.change-date");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("ne peut pas précéder l'expédition", (await Http.ParseAsync(refused)).FieldError("Change.ExpectedOn"));
    }

    [Fact]
    public async Task Only_staff_reach_the_dispatch_page_and_an_unknown_wave_is_404()
    {
        var coordinator = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var waveId = await app.Factory.WithDbAsync(db => db.Waves.Select(w => w.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync(Url(waveId))).StatusCode);
        var anonymous = app.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(Url(waveId))).StatusCode);
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(Url(999_999))).StatusCode);
    }
}
