using System.Net;
using MilleLivres.Core.Domain;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MilleLivres.Core.Seeding;

namespace MilleLivres.Tests.Packing;

/// <summary>Issue 10: a newcomer runs the demo's wave 3 from the pages only, without editing a town first.</summary>
public class DemoWaveTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task Every_demo_town_has_an_address_access_notes_a_coordinator_and_children_per_band()
    {
        var bands = await app.Factory.WithDbAsync(db => db.AgeBands.CountAsync());
        var towns = await app.Factory.WithDbAsync(db => db.Towns.AsNoTracking().Include(t => t.ExpectedChildren).ToListAsync());
        Assert.True(towns.Count >= 24);
        Assert.All(towns, t =>
        {
            Assert.False(t.DeliveryAddress.IsEmpty, t.Name);
            Assert.Matches(@"^\d{5}$", t.DeliveryAddress.Postcode!);
            Assert.Equal(t.Name, t.DeliveryAddress.City);
            Assert.False(string.IsNullOrWhiteSpace(t.DeliveryAddress.AccessNotes), t.Name);
            Assert.False(string.IsNullOrWhiteSpace(t.CoordinatorContact.Name), t.Name);
            Assert.EndsWith(".demo", t.CoordinatorContact.Email);
            Assert.Equal(bands, t.ExpectedChildren.Count(c => c.Children > 0));
        });
        Assert.Equal("Cité éducative d'Allonnes", towns.Single(t => t.Name == "Allonnes").CiteEducativeName);
    }

    private static async Task AssertRedirectAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.Fail($"{(int)response.StatusCode}: {(await Http.ParseAsync(response)).QuerySelector("#error-summary")?.TextContent}");
        }
    }

    [Fact]
    public async Task A_newcomer_plans_produces_and_packs_wave_three_with_the_demo_towns_as_they_are()
    {
        // The demo stock, as `dotnet run` seeds it in Development beside the towns.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoStockSeeder>().SeedAsync();
        }
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var waveId = await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Number == 3).Select(w => w.Id).SingleAsync());
        foreach (var name in new[] { "Arras", "Calais", "Amiens" })
        {
            var details = await staff.GetDocumentAsync($"/Staff/Waves/Details/{waveId}");
            var option = details.QuerySelectorAll("#Input_TownId option").Single(o => o.TextContent.Contains(name));
            var added = await staff.SubmitFormAsync(details, new Dictionary<string, string> { ["Input.TownId"] = option.GetAttribute("value")! }, "#ajout-ville");
            await AssertRedirectAsync(added);
        }

        var plan = await staff.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        var confirmed = await staff.SubmitFormAsync(plan, new Dictionary<string, string> { ["Input.AcceptShortfall"] = "true" }, "#confirmer");
        await AssertRedirectAsync(confirmed);

        var ready = await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        Assert.Empty(ready.QuerySelectorAll(".work-error"));
        await AssertRedirectAsync(await staff.SubmitFormAsync(ready, new Dictionary<string, string>(), "form#packed"));
        Assert.Equal(WaveStatus.Packed, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
    }
}
