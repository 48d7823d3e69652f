using System.Net;
using System.Text.Json;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Work;

public sealed class PackingApp : IAsyncLifetime
{
    public PackingAppFactory Factory { get; } = new(runServer: true);

    public async Task InitializeAsync() => await Factory.SeededAsync();

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public class PackingPageTests(PackingApp app) : IClassFixture<PackingApp>
{
    private Task<int> WaveIdAsync(int number) => app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Number == number).Select(w => w.Id).SingleAsync());

    private static Task<AngleSharp.Html.Dom.IHtmlDocument> ReloadUntilAsync(HttpClient client, string url, Func<AngleSharp.Html.Dom.IHtmlDocument, bool> done) =>
        Wait.UntilAsync(() => client.GetDocumentAsync(url), done);

    [Fact]
    public async Task Staff_produce_a_waves_slips_and_a_plain_reload_shows_progress_then_downloads()
    {
        var waveId = await WaveIdAsync(2);
        var towns = await app.Factory.WithDbAsync(db => db.WaveTowns.CountAsync(t => t.WaveId == waveId));
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var url = $"/Staff/Packing/{waveId}";
        var before = await client.GetDocumentAsync(url);
        Assert.Contains("Aucun bordereau demandé", before.Text());

        var response = await client.SubmitFormAsync(before, new Dictionary<string, string>(), "form#produce");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Headers.Location!.OriginalString);

        var finished = await ReloadUntilAsync(client, url, d => d.QuerySelector("#progress-summary")?.TextContent.StartsWith($"{towns} sur {towns}") == true);
        Assert.Equal($"{towns} sur {towns} villes prêtes.", finished.QuerySelector("#progress-summary")!.TextContent.Trim());
        Assert.Equal(towns.ToString(), finished.QuerySelector("progress")!.GetAttribute("value"));
        var links = finished.QuerySelectorAll("a[href^='/Staff/Documents/Download/']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(towns, links.Count);

        var pdf = await client.GetByteArrayAsync(links[0]);
        Assert.Contains("Bordereau de colisage", PdfReading.PageTexts(pdf)[0]);

        var json = JsonDocument.Parse(await client.GetStringAsync($"{url}/Progress")).RootElement;
        Assert.Equal(towns, json.GetProperty("done").GetInt32());
        Assert.True(json.GetProperty("isFinished").GetBoolean());

        // Who asked is in the audit trail.
        var audited = await app.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(WorkItem) && a.ActorName != null && a.ActorName != ""));
        Assert.True(audited >= towns);
    }

    [Fact]
    public async Task A_failed_town_shows_its_reason_and_the_retry_button_produces_it()
    {
        var waveId = await WaveIdAsync(1);
        var town = await app.Factory.WithDbAsync(db => db.WaveTowns.Where(t => t.WaveId == waveId && t.Town.Name == "Lens").Select(t => t.TownId).SingleAsync());
        app.Factory.FailingTowns.Reasons[town] = "Adresse de livraison manquante pour Lens.";
        try
        {
            var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
            var url = $"/Staff/Packing/{waveId}";
            await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form#produce");
            var finished = await ReloadUntilAsync(client, url, d => d.QuerySelector("#progress-summary") is not null && d.QuerySelector("section#progress[data-progress-finished='true']") is not null);
            var row = finished.QuerySelector($"tr[data-town='{town}']")!;
            Assert.Contains("Échec", row.TextContent);
            Assert.Equal("Adresse de livraison manquante pour Lens.", row.QuerySelector(".work-error")!.TextContent.Trim());
            Assert.Contains("1 en échec", finished.QuerySelector("#progress-summary")!.TextContent);

            app.Factory.FailingTowns.Reasons.TryRemove(town, out _);
            var retry = await client.SubmitFormAsync(finished, new Dictionary<string, string>(), $"tr[data-town='{town}'] form.retry");
            Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
            // The job stores the PDF a moment before it marks its row done: wait for the finished state.
            var after = await ReloadUntilAsync(client, url, d => d.QuerySelector($"tr[data-town='{town}'] a[href^='/Staff/Documents/Download/']") is not null
                && d.QuerySelector("section#progress[data-progress-finished='true']") is not null);
            Assert.Contains("Prêt", after.QuerySelector($"tr[data-town='{town}']")!.TextContent);
            Assert.DoesNotContain("en échec", after.QuerySelector("#progress-summary")!.TextContent);
        }
        finally
        {
            app.Factory.FailingTowns.Reasons.TryRemove(town, out _);
        }
    }

    [Fact]
    public async Task Coordinator_cannot_open_the_packing_page()
    {
        var waveId = await WaveIdAsync(1);
        var client = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Staff/Packing/{waveId}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_wave_gives_404()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Staff/Packing/99999")).StatusCode);
    }
}
