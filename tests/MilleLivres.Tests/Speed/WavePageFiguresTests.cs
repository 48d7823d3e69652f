using System.Net;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Planning;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Speed;

/// <summary>
/// The wave page keeps each wave's allocated books per band in memory under the wave's newest audit entry (ADR 0525):
/// the figures shown must follow every change of the allocation.
/// </summary>
public class WavePageFiguresTests
{
    private static async Task<int> AllocatedShownAsync(HttpClient client, int waveId)
    {
        var page = await client.GetDocumentAsync($"/Staff/Waves/Details/{waveId}");
        return page.QuerySelectorAll(".wave-progress .allocated").Sum(s => int.Parse(s.TextContent.Trim()));
    }

    [Fact]
    public async Task The_wave_page_shows_the_allocated_books_again_after_an_edit_and_none_after_an_undo()
    {
        await using var app = await PlanningApp.StartAsync();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 2, quota: 12, new Dictionary<int, int> { [bands[0]] = 30 });
        await app.AddTitlesAsync(bands[0], count: 10, copies: 3);
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Staff/Waves/Plan/{waveId}", new Dictionary<string, string>(), "#confirmer")).StatusCode);
        var confirmed = await app.Factory.WithDbAsync(db => db.AllocationLines.Where(l => l.WaveId == waveId).SumAsync(l => l.Quantity));

        Assert.Equal(confirmed, await AllocatedShownAsync(client, waveId));
        // Shown twice: the second time from memory, still the same.
        Assert.Equal(confirmed, await AllocatedShownAsync(client, waveId));

        var line = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking().Where(l => l.TownId == towns[0] && l.Quantity == 2).OrderBy(l => l.Id).FirstAsync());
        var edited = await client.SubmitFormAsync($"/Staff/Waves/{waveId}/Allocation/{towns[0]}",
            new Dictionary<string, string> { ["Input.Quantity"] = "1" }, $"form[data-form='quantite-{line.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        Assert.Equal(confirmed - 1, await AllocatedShownAsync(client, waveId));
        Assert.Equal(confirmed - 1, await app.Factory.WithDbAsync(db => db.AllocationLines.Where(l => l.WaveId == waveId).SumAsync(l => l.Quantity)));

        var plan = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(plan, new Dictionary<string, string>(), "#annuler")).StatusCode);
        var afterUndo = await client.GetDocumentAsync($"/Staff/Waves/Details/{waveId}");
        Assert.Null(afterUndo.QuerySelector(".wave-progress"));

        // Confirmed again: the new lines are counted, not the figures kept from before the undo.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Staff/Waves/Plan/{waveId}", new Dictionary<string, string>(), "#confirmer")).StatusCode);
        Assert.Equal(await app.Factory.WithDbAsync(db => db.AllocationLines.Where(l => l.WaveId == waveId).SumAsync(l => l.Quantity)),
            await AllocatedShownAsync(client, waveId));
    }
}
