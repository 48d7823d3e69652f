using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MilleLivres.Core.Data;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;

namespace MilleLivres.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PackingBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Packing_page_left_open_shows_the_slips_as_they_are_done_without_a_reload()
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app.Factory, 20, new Dictionary<string, int> { ["Rennes"] = 6, ["Allonnes"] = 5 });
        // Asked for but not queued yet, so the page opens while nothing is done.
        List<long> ids;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var items = await PackingSlipWork.RequestForWaveAsync(scope.ServiceProvider.GetRequiredService<WorkQueue>(), db, waveId, lines.Keys);
            await db.SaveChangesAsync();
            ids = items.Select(i => i.Id).ToList();
        }

        var page = await app.SignedInPageAsync(Http.StaffEmail);
        var problems = new List<string>();
        // The app has no favicon yet; Chromium asks for one at some point, which is not what this test is about.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal)) { problems.Add($"{message.Text} ({message.Location})"); } };
        page.Response += (_, response) => { if (response.Status >= 400) { problems.Add($"{response.Status}: {response.Url}"); } };
        await page.GotoAsync($"/Staff/Packing/{waveId}");
        Assert.StartsWith("0 sur 2 villes prêtes", (await page.Locator("#progress-summary").InnerTextAsync()).Trim());

        var scheduler = app.Factory.Services.GetRequiredService<IWorkScheduler>();
        ids.ForEach(scheduler.Enqueue);

        // work-progress.js polls and refreshes the page: no reload from the test.
        await Assertions.Expect(page.Locator("#progress-summary")).ToHaveTextAsync("2 sur 2 villes prêtes.", new() { Timeout = 60_000 });
        Assert.Equal(2, await page.Locator("a[href^='/Staff/Documents/Download/']").CountAsync());
        Assert.Equal(1, await page.Locator("form#packed").CountAsync());
        Assert.True(problems.Count == 0, string.Join(" | ", problems));
        Assert.Equal(2, await app.Factory.WithDbAsync(db => db.GeneratedDocuments.CountAsync(d => d.WaveId == waveId)));
    }
}
