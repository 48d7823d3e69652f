using System.Net;
using MilleLivres.Core.Data;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Dispatch;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Speed;

/// <summary>The app without its job server: work rows stay as the test leaves them.</summary>
public sealed class NoJobsPackingApp : IAsyncLifetime
{
    public RealPackingAppFactory Factory { get; } = new(runServer: false);

    public async Task InitializeAsync() => await Factory.SeededAsync();

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The wave page is read and rendered once per state of its data, named by one statement (ADR 0528). What changes
/// without an audit row must still show at the very next request: the packing slips' work rows finished or failed by
/// the job's bulk updates, and the acknowledgements of receipt written by their job.
/// </summary>
public class WavePageFreshnessTests(NoJobsPackingApp app) : IClassFixture<NoJobsPackingApp>
{
    private static string PackingText(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("#packing-summary-text")!.TextContent.Trim();

    private Task<AuditState> AuditStateAsync() => app.Factory.WithDbAsync(db => db.AuditStateAsync());

    /// <summary>The statements the job runner ends a row with (WorkRunner.Finish): bulk updates, no audit row.</summary>
    private Task FinishAsync(int waveId, int townId, WorkStatus status, string? error) => app.Factory.WithDbAsync(db =>
        db.WorkItems.Where(w => w.Key == PackingSlipWork.Key(waveId, townId)).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.Status, status)
            .SetProperty(w => w.Attempts, w => w.Attempts + 1)
            .SetProperty(w => w.LastError, error)
            .SetProperty(w => w.FinishedAtUtc, DateTime.UtcNow)));

    [Fact]
    public async Task Slips_finished_or_failed_by_the_jobs_bulk_updates_show_on_the_wave_page_at_the_next_request()
    {
        var (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 31, new Dictionary<string, int> { ["Grigny"] = 2, ["Bondy"] = 3 });
        var grigny = await AllocatedWave.TownIdAsync(app.Factory, "Grigny");
        var bondy = await AllocatedWave.TownIdAsync(app.Factory, "Bondy");
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var url = $"/Staff/Waves/Details/{waveId}";
        Assert.Equal("Aucun bordereau de colisage demandé pour cette vague.", PackingText(await staff.GetDocumentAsync(url)));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync($"/Staff/Packing/{waveId}", new Dictionary<string, string>(), "form#produce")).StatusCode);
        Assert.Equal("0 sur 2 villes prêtes, 2 en cours de production…", PackingText(await staff.GetDocumentAsync(url)));
        // Shown twice: the second time from memory, the same.
        Assert.Equal("0 sur 2 villes prêtes, 2 en cours de production…", PackingText(await staff.GetDocumentAsync(url)));
        var audited = await AuditStateAsync();

        await FinishAsync(waveId, grigny, WorkStatus.Done, null);
        Assert.Equal("1 sur 2 villes prêtes, 1 en cours de production…", PackingText(await staff.GetDocumentAsync(url)));

        await FinishAsync(waveId, bondy, WorkStatus.Failed, "Adresse de livraison manquante pour Bondy.");
        var failed = await staff.GetDocumentAsync(url);
        Assert.Equal("1 sur 2 villes prêtes, 1 en échec.", PackingText(failed));
        var failure = Assert.Single(failed.QuerySelectorAll("#packing-summary .packing-failure"));
        Assert.Contains("Bondy", failure.QuerySelector("strong")!.TextContent);
        Assert.Equal("Adresse de livraison manquante pour Bondy.", failure.QuerySelector(".work-error")!.TextContent.Trim());
        // Nothing above was audited: the page followed the work rows themselves.
        Assert.Equal(audited, await AuditStateAsync());

        // The retry button carries this session's token (that part of the page is not kept in memory) and works.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(failed, new Dictionary<string, string>(), "#packing-summary form.retry")).StatusCode);
        var retried = await staff.GetDocumentAsync(url);
        Assert.Equal("1 sur 2 villes prêtes, 1 en cours de production…", PackingText(retried));
        Assert.Empty(retried.QuerySelectorAll("#packing-summary .packing-failure"));
    }

    [Fact]
    public async Task An_allocated_waves_page_names_each_town_once_and_links_its_distribution_from_its_row()
    {
        var (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 34, new Dictionary<string, int> { ["Lormont"] = 2, ["Trappes"] = 2 });
        var lormont = await AllocatedWave.TownIdAsync(app.Factory, "Lormont");
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync($"/Staff/Waves/Details/{waveId}");

        var row = page.QuerySelectorAll("#villes-de-la-vague tbody tr").Single(r => r.QuerySelector("th[scope='row']")!.TextContent.Trim() == "Lormont");
        Assert.Equal($"/Staff/Distributions/{waveId}/{lormont}", row.QuerySelector($"a[href='/Staff/Distributions/{waveId}/{lormont}']")!.GetAttribute("href"));
        Assert.Single(page.QuerySelectorAll("main a"), a => a.TextContent.Trim() == "Lormont");
        Assert.NotNull(page.QuerySelector(".wave-progress a[href='#villes-de-la-vague']"));
    }

    [Fact]
    public async Task A_wave_that_does_not_exist_gives_404()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var missing = await app.Factory.WithDbAsync(async db => await db.Waves.MaxAsync(w => w.Id) + 1000);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Staff/Waves/Details/{missing}")).StatusCode);
    }
}

/// <summary>A dispatched wave (real jobs): its receipt section follows shipments and acknowledgements at once.</summary>
public class WavePageReceiptFreshnessTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task Dispatch_and_an_acknowledgement_written_by_its_job_show_on_the_wave_page_at_the_next_request()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var (waveId, _) = await PackedWave.CreateAsync(app.Factory, staff, 32, new Dictionary<string, int> { ["Lormont"] = 2, ["Trappes"] = 2 });
        var lormont = await AllocatedWave.TownIdAsync(app.Factory, "Lormont");
        var url = $"/Staff/Waves/Details/{waveId}";
        Assert.Null((await staff.GetDocumentAsync(url)).QuerySelector("#receipt-progress"));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync($"/Staff/Dispatch/{waveId}", new Dictionary<string, string>(), "form#dispatch")).StatusCode);
        var dispatched = await staff.GetDocumentAsync(url);
        var row = dispatched.QuerySelector($"#receipt-progress tr[data-town='{lormont}']")!;
        Assert.NotEqual("—", row.QuerySelector("td")!.TextContent.Trim());
        Assert.Null(row.QuerySelector(".received-on a"));

        var audited = await app.Factory.WithDbAsync(db => db.AuditStateAsync());
        long documentId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var document = await scope.ServiceProvider.GetRequiredService<DocumentStore>().SaveAsync(AcknowledgementWork.DocumentKind,
                AcknowledgementWork.OwnerKey(waveId, lormont), waveId, lormont, "accuse-de-reception.pdf", [1, 2, 3]);
            documentId = document.Id;
        }
        Assert.Equal(audited, await app.Factory.WithDbAsync(db => db.AuditStateAsync()));

        var acknowledged = await staff.GetDocumentAsync(url);
        var link = acknowledged.QuerySelector($"#receipt-progress tr[data-town='{lormont}'] .received-on a")!;
        Assert.Equal($"/Staff/Documents/Download/{documentId}", link.GetAttribute("href"));
    }
}
