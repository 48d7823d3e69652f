using System.Net;
using MilleLivres.Core.Domain;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Web;

public class WavePagesTests(SeededApp app) : IClassFixture<SeededApp>
{
    private Task<Wave> WaveAsync(int number) => app.Factory.WithDbAsync(db => db.Waves.AsNoTracking().Include(w => w.Towns).SingleAsync(w => w.Number == number));

    private Task<Town> TownAsync(string insee) => app.Factory.WithDbAsync(db => db.Towns.AsNoTracking().SingleAsync(t => t.InseeCode == insee));

    [Fact]
    public async Task Wave_1_shows_lens_and_the_start_of_distribution()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var wave1 = await WaveAsync(1);
        var page = await client.GetDocumentAsync($"/Staff/Waves/Details/{wave1.Id}");
        var lensRow = page.QuerySelectorAll("#villes-de-la-vague tbody tr").Single(r => r.TextContent.Contains("Lens"));
        Assert.Contains("lundi 27 avril 2020", lensRow.TextContent);
        Assert.Equal(10, page.QuerySelectorAll("#villes-de-la-vague tbody tr").Length);
        Assert.Null(page.QuerySelector("#ajout-ville"));
    }

    [Fact]
    public async Task Staff_creates_a_wave_adds_and_removes_a_town()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var created = await client.SubmitFormAsync("/Staff/Waves/Create", new Dictionary<string, string>
        {
            ["Input.Number"] = "7",
            ["Input.Name"] = "Vague 7 — essai",
            ["Input.PlannedDeliveryOn"] = "2027-03-15",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var amiens = await TownAsync("80021");

        var added = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.TownId"] = amiens.Id.ToString() }, "#ajout-ville");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await client.GetDocumentAsync(url);
        Assert.Contains("Amiens", page.QuerySelector("#villes-de-la-vague")!.TextContent);
        Assert.Equal(TownStatus.Selected, (await TownAsync("80021")).Status);

        var removed = await client.SubmitFormAsync(page, new Dictionary<string, string>(), "#villes-de-la-vague form");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await WaveAsync(7)).Towns);
        Assert.Equal(TownStatus.Candidate, (await TownAsync("80021")).Status);

        var history = await app.Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "WaveTown").Select(a => a.Action).ToListAsync());
        Assert.Contains("Added", history);
        Assert.Contains("Deleted", history);
    }

    [Fact]
    public async Task A_town_cannot_join_two_open_waves()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var wave3 = await WaveAsync(3);
        var arras = await TownAsync("62041");
        var first = await client.SubmitFormAsync($"/Staff/Waves/Details/{wave3.Id}", new Dictionary<string, string> { ["Input.TownId"] = arras.Id.ToString() }, "#ajout-ville");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var created = await client.SubmitFormAsync("/Staff/Waves/Create", new Dictionary<string, string> { ["Input.Number"] = "8", ["Input.Name"] = "Vague 8" });
        var wave8Url = created.Headers.Location!.OriginalString;
        var page = await client.GetDocumentAsync(wave8Url);
        // Arras is not offered, but a hand-made post must still be refused by the rule.
        var response = await client.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.TownId"] = arras.Id.ToString() }, "#ajout-ville");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Arras fait déjà partie de la vague 3 (Vague 3 — à préparer), qui n'est pas close.", (await Http.ParseAsync(response)).FieldError("Input.TownId"));
        Assert.Empty((await WaveAsync(8)).Towns);
    }

    [Fact]
    public async Task Duplicate_wave_number_is_refused_at_the_field()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var before = await app.Factory.WithDbAsync(db => db.Waves.CountAsync());
        var response = await client.SubmitFormAsync("/Staff/Waves/Create", new Dictionary<string, string> { ["Input.Number"] = "2", ["Input.Name"] = "Doublon" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("La vague 2 existe déjà.", (await Http.ParseAsync(response)).FieldError("Input.Number"));
        Assert.Equal(before, await app.Factory.WithDbAsync(db => db.Waves.CountAsync()));
    }

    [Fact]
    public async Task Editing_a_wave_keeps_its_towns_and_is_audited()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var wave2 = await WaveAsync(2);
        var response = await client.SubmitFormAsync($"/Staff/Waves/Edit/{wave2.Id}", new Dictionary<string, string> { ["Input.ActualDeliveryOn"] = "2020-06-15" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await WaveAsync(2);
        Assert.Equal(new DateOnly(2020, 6, 15), after.ActualDeliveryOn);
        Assert.Equal(11, after.Towns.Count);
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Wave" && a.EntityId == wave2.Id.ToString() && a.Action == "Modified")));
    }
}
