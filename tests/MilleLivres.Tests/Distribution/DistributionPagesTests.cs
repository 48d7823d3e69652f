using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MilleLivres.Core.Distribution;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Distribution;

/// <summary>
/// The distribution pages over the real app with real forms and antiforgery tokens. Each test delivers its own wave
/// to Lens and Boulogne-sur-Mer (the demo coordinators' towns).
/// </summary>
public class DistributionPagesTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    private sealed record Arranged(int WaveId, int Lens, int Boulogne, int Band, int Received, string Url);

    private async Task<Arranged> ArrangeAsync(int number)
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var wave = await DeliveredWave.CreateAsync(app.Factory, staff, number,
            new Dictionary<string, int> { ["Lens"] = 6, ["Boulogne-sur-Mer"] = 4 }, receiveAll: true);
        var lens = await AllocatedWave.TownIdAsync(app.Factory, "Lens");
        var boulogne = await AllocatedWave.TownIdAsync(app.Factory, "Boulogne-sur-Mer");
        var received = await DeliveredWave.ReceivedByHandAsync(app.Factory, wave.WaveId, lens);
        var (band, count) = received.OrderByDescending(r => r.Value).First();
        return new Arranged(wave.WaveId, lens, boulogne, band, count, $"/Coordinator/Distributions/{wave.WaveId}/{lens}");
    }

    private Task<List<DistributionRow>> RowsAsync(int waveId, int townId) => app.Factory.WithDbAsync(db => db.DistributionRows.AsNoTracking()
        .Where(r => db.DistributionReports.Any(p => p.Id == r.ReportId && p.WaveId == waveId && p.TownId == townId)).OrderBy(r => r.Id).ToListAsync());

    private static Dictionary<string, string> Row(int index, int band, int children, int books, string place = "École Jean-Jaurès", string? comment = null)
    {
        var fields = new Dictionary<string, string>
        {
            [$"Input.Rows[{index}].Date"] = DeliveredWave.Today.ToString("yyyy-MM-dd"),
            [$"Input.Rows[{index}].PlaceKind"] = nameof(PlaceKind.EcoleElementaire),
            [$"Input.Rows[{index}].PlaceName"] = place,
            [$"Input.Rows[{index}].AgeBandId"] = band.ToString(),
            [$"Input.Rows[{index}].ChildrenReached"] = children.ToString(),
            [$"Input.Rows[{index}].BooksHandedOut"] = books.ToString(),
        };
        if (comment is not null)
        {
            fields[$"Input.Rows[{index}].Comment"] = comment;
        }
        return fields;
    }

    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task Coordinator_records_two_rows_at_once_and_a_second_identical_post_records_nothing()
    {
        var a = await ArrangeAsync(40);
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var page = await lens.GetDocumentAsync(a.Url);
        var fields = Merge(Row(0, a.Band, 22, 2, "École Jean-Jaurès", "Lecture offerte par la bibliothécaire"), Row(1, a.Band, 9, 1, "Centre social Vachette"));

        var response = await lens.SubmitFormAsync(page, fields, "form#add-rows");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await lens.SubmitFormAsync(page, fields, "form#add-rows");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var rows = await RowsAsync(a.WaveId, a.Lens);
        Assert.Equal(2, rows.Count);
        Assert.Equal([22, 9], rows.Select(r => r.ChildrenReached));
        var after = await lens.GetDocumentAsync(a.Url);
        // The second post replays the first one's outcome (the one-time form key, ADR 0500): nothing recorded twice.
        Assert.Contains("2 ligne(s) de distribution enregistrée(s)", after.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(2, after.QuerySelectorAll("li.distribution-row").Length);

        // The home shows the town's progress moving for that band.
        var home = await lens.GetDocumentAsync("/Coordinator");
        var band = home.QuerySelector($".distribution-progress[data-wave='{a.WaveId}'] .band-progress[data-band='{a.Band}']")!;
        Assert.Equal("3", band.QuerySelector(".handed-out")!.TextContent);
        Assert.Equal(a.Received.ToString(), band.QuerySelector(".received")!.TextContent);
        Assert.Equal((a.Received - 3).ToString(), band.QuerySelector(".left")!.TextContent);
        Assert.Equal("31", band.QuerySelector(".children")!.TextContent);
    }

    [Fact]
    public async Task Another_towns_coordinator_gets_404_even_posting_a_real_form_with_a_valid_token_and_nothing_changes()
    {
        var a = await ArrangeAsync(41);
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(a.Url, Row(0, a.Band, 5, 1), "form#add-rows")).StatusCode);
        var lensRow = Assert.Single(await RowsAsync(a.WaveId, a.Lens));

        var boulogne = await app.Factory.SignedInClientAsync(Http.BoulogneEmail);
        await boulogne.GetDocumentAsync(a.Url, HttpStatusCode.NotFound);
        await boulogne.GetDocumentAsync($"{a.Url.Replace("/Distributions/", "/DistributionRow/")}/{lensRow.Id}", HttpStatusCode.NotFound);
        // A valid form and token from Boulogne's own page, posted at Lens's.
        var own = await boulogne.GetDocumentAsync($"/Coordinator/Distributions/{a.WaveId}/{a.Boulogne}");
        var token = Http.AntiforgeryToken(own, "form#add-rows");
        var key = own.QuerySelector<IHtmlInputElement>("input[name='Input.SubmissionKey']")!.Value;
        var posts = new[]
        {
            ($"{a.Url}?handler=Add", Merge(Row(0, a.Band, 5, 1), new() { ["Input.SubmissionKey"] = key, ["__RequestVerificationToken"] = token })),
            ($"{a.Url}?handler=Remove&rowId={lensRow.Id}", new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            ($"{a.Url}?handler=Finish", new Dictionary<string, string> { ["Finish.ClosingComment"] = "Fini", ["__RequestVerificationToken"] = token }),
            ($"{a.Url.Replace("/Distributions/", "/DistributionRow/")}/{lensRow.Id}", Merge(Row(0, a.Band, 5, 0), new() { ["__RequestVerificationToken"] = token })),
        };
        foreach (var (url, form) in posts)
        {
            var response = await boulogne.PostAsync(url, new FormUrlEncodedContent(form));
            Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"POST {url}: {(int)response.StatusCode}");
        }

        var rows = await RowsAsync(a.WaveId, a.Lens);
        Assert.Equal(lensRow.Id, Assert.Single(rows).Id);
        Assert.Equal(1, rows[0].BooksHandedOut);
        Assert.False(await app.Factory.WithDbAsync(db => db.DistributionReports.AnyAsync(r => r.WaveId == a.WaveId && r.State == DistributionReportState.Finished)));
        // The same token is good on Boulogne's own page: the 404s were the access rule, not a bad token.
        var ownPost = await boulogne.PostAsync($"/Coordinator/Distributions/{a.WaveId}/{a.Boulogne}?handler=Add",
            new FormUrlEncodedContent(Merge(Row(0, a.Band, 3, 0), new() { ["Input.SubmissionKey"] = key, ["__RequestVerificationToken"] = token })));
        Assert.Equal(HttpStatusCode.Redirect, ownPost.StatusCode);
        Assert.Single(await RowsAsync(a.WaveId, a.Boulogne));
        // Staff see every town.
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var staffPage = await staff.GetDocumentAsync($"/Staff/Distributions/{a.WaveId}/{a.Lens}");
        Assert.Single(staffPage.QuerySelectorAll("#rows tbody tr"));
    }

    [Fact]
    public async Task Broken_rules_show_a_french_message_at_the_field_and_record_nothing()
    {
        var a = await ArrangeAsync(42);
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);

        var response = await lens.SubmitFormAsync(a.Url, Row(0, a.Band, 5, a.Received + 1), "form#add-rows");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Contains($"{a.Received} livre(s) reçu(s)", page.FieldError("Input.Rows[0].BooksHandedOut"));

        // Row 1 left blank: the error lands on the row the coordinator filled (row 2 on the form).
        response = await lens.SubmitFormAsync(a.Url, Row(2, a.Band, 5, 1, comment: "Maman de Léa : 06 12 34 56 78"), "form#add-rows");
        page = await Http.ParseAsync(response);
        Assert.Contains("numéro de téléphone", page.FieldError("Input.Rows[2].Comment"));
        Assert.Equal("Maman de Léa : 06 12 34 56 78", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Rows[2].Comment']")!.Value);

        var future = Row(0, a.Band, 5, 1);
        future["Input.Rows[0].Date"] = DeliveredWave.Today.AddDays(1).ToString("yyyy-MM-dd");
        page = await Http.ParseAsync(await lens.SubmitFormAsync(a.Url, future, "form#add-rows"));
        Assert.Contains("futur", page.FieldError("Input.Rows[0].Date"));

        page = await Http.ParseAsync(await lens.SubmitFormAsync(a.Url, Row(0, a.Band, 0, 1), "form#add-rows"));
        Assert.Contains("au moins 1", page.FieldError("Input.Rows[0].ChildrenReached"));

        page = await Http.ParseAsync(await lens.SubmitFormAsync(a.Url, new Dictionary<string, string> { ["Testimony.Text"] = "Écrivez-moi : prof@ecole.fr", ["Testimony.Source"] = "Teacher" }, "form#testimony"));
        Assert.Contains("adresse électronique", page.FieldError("Testimony.Text"));

        Assert.Empty(await RowsAsync(a.WaveId, a.Lens));
        Assert.False(await app.Factory.WithDbAsync(db => db.Testimonials.AnyAsync(t => db.DistributionReports.Any(r => r.Id == t.ReportId && r.WaveId == a.WaveId))));
    }

    [Fact]
    public async Task Finishing_locks_the_rows_staff_reopen_and_a_testimonial_is_public_only_once_staff_approve_it()
    {
        var a = await ArrangeAsync(43);
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(a.Url, Row(0, a.Band, 12, 2), "form#add-rows")).StatusCode);
        var testimony = new Dictionary<string, string> { ["Testimony.Text"] = "« Je ne savais pas qu'on pouvait garder le livre ! »", ["Testimony.Source"] = "Child", ["Testimony.Consent"] = "true" };
        var page = await lens.GetDocumentAsync(a.Url);
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(page, testimony, "form#testimony")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(page, testimony, "form#testimony")).StatusCode);
        var testimonial = Assert.Single(await app.Factory.WithDbAsync(db => db.Testimonials.AsNoTracking()
            .Where(t => db.DistributionReports.Any(r => r.Id == t.ReportId && r.WaveId == a.WaveId)).ToListAsync()));
        Assert.True(testimonial.ConsentToQuote);
        Assert.Equal(ModerationState.Pending, testimonial.Moderation);

        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(a.Url, new Dictionary<string, string> { ["Finish.ClosingComment"] = "Tous les livres ont trouvé preneur." }, "form#finish")).StatusCode);
        page = await lens.GetDocumentAsync(a.Url);
        Assert.Equal("finished", page.QuerySelector("#report-state")!.GetAttribute("data-state"));
        Assert.Null(page.QuerySelector("form#add-rows"));
        Assert.Empty(page.QuerySelectorAll("form.remove-row"));

        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var staffUrl = $"/Staff/Distributions/{a.WaveId}/{a.Lens}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(staffUrl, new Dictionary<string, string>(), "form#reopen")).StatusCode);
        Assert.Equal("open", (await staff.GetDocumentAsync(staffUrl)).QuerySelector("#report-state")!.GetAttribute("data-state"));
        Assert.NotNull((await lens.GetDocumentAsync(a.Url)).QuerySelector("form#add-rows"));

        var moderation = await staff.GetDocumentAsync("/Staff/Testimonials");
        Assert.Equal("Pending", moderation.QuerySelector($"article[data-testimonial='{testimonial.Id}']")!.GetAttribute("data-moderation"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(moderation, new Dictionary<string, string>(), $"article[data-testimonial='{testimonial.Id}'] form.approve")).StatusCode);
        Assert.Equal(ModerationState.Approved, await app.Factory.WithDbAsync(db => db.Testimonials.Where(t => t.Id == testimonial.Id).Select(t => t.Moderation).SingleAsync()));
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Testimonial) && a.EntityId == testimonial.Id.ToString() && a.Action == "Modified" && a.ActorName == Http.StaffEmail)));
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(x => x.EntityType == nameof(DistributionReport) && x.Action == "Modified" && x.ActorName == Http.StaffEmail && x.Changes.Contains("ReopenedBy"))));

        // The coordinator cannot reach staff pages.
        Assert.Equal(HttpStatusCode.Forbidden, (await lens.GetAsync(staffUrl)).StatusCode);
    }

    [Fact]
    public async Task A_row_is_edited_on_its_page_within_the_rules_and_removed_once()
    {
        var a = await ArrangeAsync(45);
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(a.Url, Merge(Row(0, a.Band, 10, 1), Row(1, a.Band, 4, 1, "Bibliothèque Robert-Desnos")), "form#add-rows")).StatusCode);
        var rows = await RowsAsync(a.WaveId, a.Lens);
        var editUrl = $"{a.Url.Replace("/Distributions/", "/DistributionRow/")}/{rows[0].Id}";

        var edit = await lens.GetDocumentAsync(editUrl);
        Assert.Equal("10", edit.QuerySelector<IHtmlInputElement>("#Input_ChildrenReached")!.Value);
        // The other row keeps 1 book: this one may take at most received - 1.
        var page = await Http.ParseAsync(await lens.SubmitFormAsync(edit, new Dictionary<string, string> { ["Input.BooksHandedOut"] = a.Received.ToString() }, "form#edit-row"));
        Assert.Contains("déjà remis", page.FieldError("Input.BooksHandedOut"));
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(edit, new Dictionary<string, string> { ["Input.BooksHandedOut"] = (a.Received - 1).ToString() }, "form#edit-row")).StatusCode);
        Assert.Equal(a.Received - 1, (await RowsAsync(a.WaveId, a.Lens))[0].BooksHandedOut);

        var list = await lens.GetDocumentAsync(a.Url);
        var remove = $"li.distribution-row[data-row='{rows[1].Id}'] form.remove-row";
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(list, new Dictionary<string, string>(), remove)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(list, new Dictionary<string, string>(), remove)).StatusCode);
        Assert.Equal(rows[0].Id, Assert.Single(await RowsAsync(a.WaveId, a.Lens)).Id);
        Assert.Contains("La ligne a été retirée.", (await lens.GetDocumentAsync(a.Url)).QuerySelector(".alert-success")!.TextContent);
        Assert.Single(await app.Factory.WithDbAsync(db => db.AuditEntries.Where(x => x.EntityType == nameof(DistributionRow) && x.Action == "Deleted" && x.EntityId == rows[1].Id.ToString()).ToListAsync()));
    }

    [Fact]
    public async Task Staff_see_the_progress_on_the_towns_page_and_the_waves_page()
    {
        var a = await ArrangeAsync(44);
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await lens.SubmitFormAsync(a.Url, Row(0, a.Band, 7, 2), "form#add-rows")).StatusCode);
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);

        var town = await staff.GetDocumentAsync($"/Staff/Towns/Details/{a.Lens}");
        var townBand = town.QuerySelector($".distribution-progress[data-wave='{a.WaveId}'] .band-progress[data-band='{a.Band}']")!;
        Assert.Equal("2", townBand.QuerySelector(".handed-out")!.TextContent);
        Assert.Equal("7", townBand.QuerySelector(".children")!.TextContent);

        var wave = await staff.GetDocumentAsync($"/Staff/Waves/Details/{a.WaveId}");
        var progress = wave.QuerySelector($".distribution-progress[data-wave='{a.WaveId}']")!;
        var boulogneReceived = (await DeliveredWave.ReceivedByHandAsync(app.Factory, a.WaveId, a.Boulogne)).Values.Sum();
        var lensReceived = (await DeliveredWave.ReceivedByHandAsync(app.Factory, a.WaveId, a.Lens)).Values.Sum();
        Assert.Equal((lensReceived + boulogneReceived).ToString(), progress.QuerySelector(".received-total")!.TextContent);
        Assert.Equal("2", progress.QuerySelector(".handed-out-total")!.TextContent);
        Assert.Contains("2 ville(s) sur 2", progress.QuerySelector(".todo-report")!.TextContent);
    }
}
