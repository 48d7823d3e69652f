using System.Net;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Receipt;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.PostgreSql;

/// <summary>
/// The wave page names the state of its data with one plain SQL statement (ADR 0528); on PostgreSQL its counts are
/// bigint and its sum numeric, and the page must read them as on SQLite.
/// </summary>
public class WavePagePostgreSqlTests(SeededPostgresApp app) : IClassFixture<SeededPostgresApp>
{
    [Fact]
    public async Task The_wave_page_reads_its_state_on_postgresql_with_and_without_documents_and_gives_404_for_a_missing_wave()
    {
        var (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 33, new Dictionary<string, int> { ["Grigny"] = 2, ["Bondy"] = 2 });
        var grigny = await AllocatedWave.TownIdAsync(app.Factory, "Grigny");
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var url = $"/Staff/Waves/Details/{waveId}";
        var page = await staff.GetDocumentAsync(url);
        Assert.Equal(2, page.QuerySelectorAll("#villes-de-la-vague tbody tr").Length);
        Assert.Equal($"/Staff/Distributions/{waveId}/{grigny}",
            page.QuerySelectorAll("#villes-de-la-vague tbody tr").Single(r => r.TextContent.Contains("Grigny")).QuerySelectorAll("a")[1].GetAttribute("href"));
        var version = page.QuerySelector("#packing-summary")!.OuterHtml;

        // A document of the wave (not audited): the statement now sums ids (numeric on PostgreSQL); the page still reads it.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DocumentStore>().SaveAsync(AcknowledgementWork.DocumentKind,
                AcknowledgementWork.OwnerKey(waveId, grigny), waveId, grigny, "accuse-de-reception.pdf", [1, 2, 3]);
        }
        var again = await staff.GetDocumentAsync(url);
        Assert.Equal(version, again.QuerySelector("#packing-summary")!.OuterHtml);
        Assert.Equal(2, again.QuerySelectorAll("#villes-de-la-vague tbody tr").Length);

        var missing = await app.Factory.WithDbAsync(async db => await db.Waves.MaxAsync(w => w.Id) + 1000);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Staff/Waves/Details/{missing}")).StatusCode);
    }
}
