using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Planning;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Integrity;

/// <summary>The planning forms posted twice at once (same token, same one-time key): one change, one outcome.</summary>
public class PlanningDoubleSubmitTests
{
    [Fact]
    public async Task Confirming_an_allocation_twice_at_once_reserves_once_and_undoing_twice_releases_once()
    {
        await using var app = await PlanningApp.StartAsync();
        var bands = await app.BandIdsAsync();
        var (waveId, _) = await app.NewWaveAsync(30, towns: 2, quota: 12, new Dictionary<int, int> { [bands[0]] = 30 });
        await app.AddTitlesAsync(bands[0], count: 5, copies: 3);
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");

        var confirms = await DoubleSubmitTests.PostTwiceAtOnceAsync(client, page, new Dictionary<string, string> { ["Input.AcceptShortfall"] = "true" }, "#confirmer");

        DoubleSubmitTests.AssertSameRedirect(confirms, $"/Staff/Waves/Plan/{waveId}");
        Assert.Equal(WaveStatus.Allocated, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        Assert.Equal(15, await app.Factory.WithDbAsync(db => db.StockMovements.Where(m => m.WaveId == waveId && m.Kind == StockMovementKind.Reserved).SumAsync(m => m.Quantity)));
        Assert.Contains("Dotation confirmée", (await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}")).Text());

        var allocated = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        var undos = await DoubleSubmitTests.PostTwiceAtOnceAsync(client, allocated, new Dictionary<string, string>(), "#annuler");

        DoubleSubmitTests.AssertSameRedirect(undos, $"/Staff/Waves/Plan/{waveId}");
        Assert.Equal(WaveStatus.Planning, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        Assert.Equal(-15, await app.Factory.WithDbAsync(db => db.StockMovements.Where(m => m.WaveId == waveId && m.Kind == StockMovementKind.Released).SumAsync(m => m.Quantity)));
        await app.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Adding_a_town_to_a_wave_twice_at_once_adds_it_once()
    {
        await using var app = await PlanningApp.StartAsync();
        var bands = await app.BandIdsAsync();
        var (waveId, _) = await app.NewWaveAsync(31, towns: 1, quota: 12, new Dictionary<int, int> { [bands[0]] = 30 });
        var arras = await app.Factory.WithDbAsync(db => db.Towns.Where(t => t.Name == "Arras").Select(t => t.Id).SingleAsync());
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await client.GetDocumentAsync($"/Staff/Waves/Details/{waveId}");

        var responses = await DoubleSubmitTests.PostTwiceAtOnceAsync(client, page, new Dictionary<string, string> { ["Input.TownId"] = arras.ToString() }, "#ajout-ville");

        DoubleSubmitTests.AssertSameRedirect(responses, $"/Staff/Waves/Details/{waveId}");
        Assert.Equal(1, await app.Factory.WithDbAsync(db => db.WaveTowns.CountAsync(w => w.WaveId == waveId && w.TownId == arras)));
        Assert.Contains("Arras a été ajoutée à la vague 31.", (await client.GetDocumentAsync($"/Staff/Waves/Details/{waveId}")).Text());
    }
}
