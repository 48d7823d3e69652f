using System.Net;
using MilleLivres.Core.Pdf;
using MilleLivres.Core.Reporting;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Distribution;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace MilleLivres.Tests.Reporting;

/// <summary>« Rapport de la vague N »: produced by the background job through the page, read back with PdfPig, versions kept.</summary>
[Collection(ReportsCollection.Name)]
public class WaveReportTests(ReportsApp app)
{
    private DashboardApp P => app.Programme;

    private string PageUrl(int waveId) => $"/Staff/Reports/Wave/{waveId}";

    private async Task<List<WaveReports.Version>> VersionsAsync(int waveId)
    {
        await using var scope = P.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<WaveReports>().VersionsAsync(waveId)).ToList();
    }

    private async Task<WaveReports.Version> ReadyAsync(int waveId, int version)
    {
        var versions = await Wait.UntilAsync(() => VersionsAsync(waveId),
            v => v.Any(x => x.Number == version && x.Status is WorkStatus.Done or WorkStatus.Failed));
        var ready = versions.Single(v => v.Number == version);
        Assert.True(ready.Status == WorkStatus.Done, $"version {version}: {ready.Status} {ready.Error}");
        Assert.NotNull(ready.DocumentId);
        return ready;
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Producing_again_makes_a_new_version_and_keeps_the_old_one_each_with_its_figures()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var waveId = P.WaveA.WaveId;
        const string intro = "Ce rapport rend compte de la première vague auprès du ministère.";
        var next = (await VersionsAsync(waveId)).Count + 1;
        var first = await staff.SubmitFormAsync(PageUrl(waveId), new Dictionary<string, string> { ["Introduction"] = intro }, "form#produce");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var v1 = await ReadyAsync(waveId, next);

        // Figures change after version 1 (more books handed out): version 2 shows them, version 1 stays as it was.
        var received = await DeliveredWave.ReceivedByHandAsync(P.Factory, waveId, P.Boulogne);
        var band = received.First(r => r.Value >= 1).Key;
        await DeliveredWave.WithDistributionsAsync(P.Factory, d => d.AddRowsAsync(new Core.Distribution.DistributionUser(null, true), waveId, P.Boulogne,
            [new Core.Distribution.RowInput(DeliveredWave.Today, Core.Distribution.PlaceKind.Mediatheque, "Médiathèque", band, 7, 1, null)], DeliveredWave.NewKey()));
        var second = await staff.SubmitFormAsync(PageUrl(waveId), new Dictionary<string, string> { ["Introduction"] = "" }, "form#produce");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var v2 = await ReadyAsync(waveId, next + 1);
        Assert.NotEqual(v1.DocumentId, v2.DocumentId);

        var pdfs = await P.Factory.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == WaveReportWork.DocumentKind && d.WaveId == waveId).ToDictionaryAsync(d => d.Id, d => d.Content));
        var text1 = Flat(string.Join('\n', PdfReading.PageTexts(pdfs[v1.DocumentId!.Value])));
        var text2 = Flat(string.Join('\n', PdfReading.PageTexts(pdfs[v2.DocumentId!.Value])));

        Assert.Contains("Rapport de la vague 50", text1);
        Assert.Contains($"Version {next}, produite le", text1);
        Assert.Contains(intro, text1);
        Assert.Contains($"Version {next + 1}, produite le", text2);
        Assert.DoesNotContain(intro, text2);
        foreach (var town in new[] { "Lens", "Boulogne-sur-Mer", "Pas-de-Calais" })
        {
            Assert.Contains(town, text1);
        }
        Assert.Contains($"Livres distribués aux enfants : {3 + 2} — enfants touchés : {25 + 26}", text1);
        Assert.Contains($"Livres distribués aux enfants : {3 + 2 + 1} — enfants touchés : {25 + 26 + 7}", text2);

        // Every figure of the summary is the dashboard's (version 2 was made after the last change).
        ProgrammeFigures.Dashboard figures;
        await using (var scope = P.Factory.Services.CreateAsyncScope())
        {
            figures = await scope.ServiceProvider.GetRequiredService<ProgrammeFigures>().ComputeAsync();
        }
        var a = figures.Waves.Single(w => w.WaveId == waveId);
        Assert.Contains($"Villes servies : {a.Towns}", text2);
        Assert.Contains($"Livres dotés : {WaveReportLayout.N(a.Allocated)} — expédiés : {WaveReportLayout.N(a.Shipped)} — reçus : {WaveReportLayout.N(a.Received)}".Replace('\u00A0', ' '), text2);
        foreach (var b in a.Bands.Where(b => b.Allocated > 0))
        {
            Assert.Contains(b.Label, text2);
        }

        // Only the quotable testimonial (consent and approval) is in the report.
        Assert.Contains(ReportsApp.QuotableText, text1);
        Assert.DoesNotContain(ReportsApp.PendingText, text1);
        Assert.DoesNotContain(ReportsApp.PrivateText, text1);

        // Both versions are listed and downloadable from the page.
        var page = await staff.GetDocumentAsync(PageUrl(waveId));
        foreach (var v in new[] { v1, v2 })
        {
            var link = page.QuerySelector($"#versions tr[data-version='{v.Number}'] a.download")!.GetAttribute("href")!;
            Assert.Equal($"/Staff/Documents/Download/{v.DocumentId}", link);
            var download = await staff.GetAsync(link);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal(WaveReportWork.FileName(50, v.Number), download.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
            Assert.Equal(pdfs[v.DocumentId!.Value], await download.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_report_holds_the_map_of_france_with_the_departements_served_and_its_credit()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var waveId = P.WaveA.WaveId;
        var next = (await VersionsAsync(waveId)).Count + 1;
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(PageUrl(waveId),
            new Dictionary<string, string> { ["Introduction"] = "", ["__SubmissionKey"] = Guid.NewGuid().ToString("N") }, "form#produce")).StatusCode);
        var version = await ReadyAsync(waveId, next);
        var content = await P.Factory.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Id == version.DocumentId).Select(d => d.Content).SingleAsync());

        using (var pdf = PdfDocument.Open(content))
        {
            var mapPage = pdf.GetPages().Single(p => p.Text.Contains("Victor Cazanave", StringComparison.Ordinal));
            Assert.Single(mapPage.GetImages());
            Assert.Contains("Par département", mapPage.Text, StringComparison.Ordinal);
        }

        // The picture colours exactly the départements served: an overseas inset served is dark, another is light.
        var map = P.Factory.Services.GetRequiredService<FranceMap>();
        var picture = FranceMapPicture.Draw(map, new HashSet<string> { "974" }, 1000);
        using var bitmap = SkiaSharp.SKBitmap.Decode(picture.Png);
        Assert.Equal((picture.Width, picture.Height), (bitmap.Width, bitmap.Height));
        var scale = 1000 / map.Width;
        SkiaSharp.SKColor At(string code)
        {
            var shape = map.Find(code)!;
            return bitmap.GetPixel((int)((shape.X + 3) * scale), (int)((shape.Y + 3) * scale));
        }
        Assert.Equal(FranceMapPicture.Served, At("974"));
        Assert.Equal(FranceMapPicture.NotServed, At("971"));
    }

    [Fact]
    public async Task The_pdf_draws_bars_and_heads_each_page_with_its_version()
    {
        await using var scope = P.Factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetServices<IWorkHandler>().OfType<WaveReportWork>().Single();
        var renderer = scope.ServiceProvider.GetRequiredService<IPdfRenderer>();
        var model = await work.BuildAsync(new WaveReports.Payload(P.WaveA.WaveId, 9, new DateTime(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc), null), default);
        // Many towns make several pages: each carries the title, the version and « page X / Y ».
        var many = model with { TownLines = Enumerable.Range(1, 120).Select(i => model.TownLines[0] with { Name = $"Ville {i}" }).ToList() };
        var layout = new WaveReportLayout(renderer).Layout(many);
        Assert.True(layout.Pages.Count >= 3);
        var bars = layout.Pages.SelectMany(p => p.Elements).OfType<PdfRectangle>().Where(r => r.FillGray is 0.75f or 0.3f && r.Height == 9f).ToList();
        Assert.Equal(2 * model.Bands.Count, bars.Count);

        var texts = PdfReading.PageTexts(renderer.RenderToBytes(layout));
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Contains("Rapport de la vague 50 — version 9", texts[i]);
            Assert.Contains($"page {i + 1} / {texts.Count}", texts[i]);
        }
        Assert.Contains("Ville 120", string.Join('\n', texts));
        using var pdf = PdfDocument.Open(renderer.RenderToBytes(layout));
        Assert.Equal("Rapport de la vague 50 — version 9", pdf.Information.Title);
    }

    [Fact]
    public async Task A_double_click_makes_one_version_and_a_second_request_waits_for_the_one_in_progress()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var waveId = P.WaveB.WaveId;
        var page = await staff.GetDocumentAsync(PageUrl(waveId));
        var fields = new Dictionary<string, string> { ["Introduction"] = "Double clic" };
        var clicks = await Task.WhenAll(staff.SubmitFormAsync(page, fields, "form#produce"), staff.SubmitFormAsync(page, fields, "form#produce"));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        await ReadyAsync(waveId, 1);
        Assert.Single(await VersionsAsync(waveId));

        // A version still pending (its job not yet run): another tab's request is refused with a French message.
        await P.Factory.WithDbAsync(db => db.WorkItems.Where(w => w.Key == WaveReportWork.Key(waveId, 1))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkStatus.Pending)));
        try
        {
            var other = await staff.SubmitFormAsync(PageUrl(waveId), new Dictionary<string, string> { ["__SubmissionKey"] = Guid.NewGuid().ToString("N") }, "form#produce");
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            var refused = await Http.ParseAsync(other);
            Assert.Contains("déjà en cours de production", refused.QuerySelector("#error-summary")!.TextContent);
            Assert.Single(await VersionsAsync(waveId));
        }
        finally
        {
            await P.Factory.WithDbAsync(db => db.WorkItems.Where(w => w.Key == WaveReportWork.Key(waveId, 1))
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkStatus.Done)));
        }
    }

    [Fact]
    public async Task An_introduction_too_long_is_refused_at_the_field()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await staff.SubmitFormAsync(PageUrl(P.WaveA.WaveId),
            new Dictionary<string, string> { ["Introduction"] = new string('a', WaveReports.IntroductionMaxLength + 1) }, "form#produce");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Equal($"L'introduction ne peut dépasser {WaveReports.IntroductionMaxLength} caractères.", page.FieldError("Introduction"));
    }

    [Fact]
    public async Task Coordinator_can_neither_produce_nor_download_a_wave_report()
    {
        var lens = await P.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await lens.GetAsync(PageUrl(P.WaveA.WaveId))).StatusCode);
        var before = await P.Factory.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Kind == WaveReportWork.WorkKind));
        var post = await lens.PostAsync($"{PageUrl(P.WaveA.WaveId)}/Produce", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, post.StatusCode.ToString());
        Assert.Equal(before, await P.Factory.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Kind == WaveReportWork.WorkKind)));

        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        await staff.SubmitFormAsync(PageUrl(P.WaveA.WaveId), new Dictionary<string, string>(), "form#produce");
        // Until every version asked for is finished (so that no other test finds one in progress), then one of its documents.
        await Wait.ForAsync(() => P.Factory.WithDbAsync(db => db.WorkItems.AllAsync(w => w.Kind != WaveReportWork.WorkKind
            || w.Status == WorkStatus.Done || w.Status == WorkStatus.Failed)), "the wave reports to be produced");
        var document = await P.Factory.WithDbAsync(db => db.GeneratedDocuments
            .Where(d => d.Kind == WaveReportWork.DocumentKind).Select(d => (long?)d.Id).FirstOrDefaultAsync());
        Assert.NotNull(document);
        Assert.Equal(HttpStatusCode.Forbidden, (await lens.GetAsync($"/Staff/Documents/Download/{document}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lens.GetAsync($"/Coordinator/Documents/Download/{document}")).StatusCode);
    }
}
