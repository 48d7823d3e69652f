using System.Net;
using MilleLivres.Core.Domain;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Dispatch;

/// <summary>A wave allocated, its slips produced by the real jobs, and marked « colis prêts » by staff through the page.</summary>
public static class PackedWave
{
    public static async Task<(int WaveId, Dictionary<int, List<AllocatedWave.Line>> Lines)> CreateAsync(
        AppFactory app, HttpClient staff, int number, IReadOnlyDictionary<string, int> titlesPerTown)
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app, number, titlesPerTown);
        await RealPackingSlipTests.ProduceAndWaitAsync(app, staff, waveId);
        // « Colis prêts » is offered once every slip is done and stored: wait for the button itself, as a person
        // reloading would (on a loaded machine it was seen missing from the first finished page).
        var ready = await Wait.UntilAsync(() => staff.GetDocumentAsync($"/Staff/Packing/{waveId}"), d => d.QuerySelector("form#packed") is not null);
        var response = await staff.SubmitFormAsync(ready, new Dictionary<string, string>(), "form#packed");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(WaveStatus.Packed, await app.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        return (waveId, lines);
    }
}
