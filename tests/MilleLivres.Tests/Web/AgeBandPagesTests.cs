using System.Net;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Web;

public class AgeBandPagesTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task A_gap_between_bands_is_refused_and_nothing_changes()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.SubmitFormAsync("/Staff/AgeBands", new Dictionary<string, string> { ["Input[1].MinAge"] = "7" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Aucune tranche ne couvre l'âge de 6 ans.", (await Http.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(6, await app.Factory.WithDbAsync(db => db.AgeBands.Where(b => b.Name == "élémentaire").Select(b => b.MinAge).SingleAsync()));
    }

    [Fact]
    public async Task Staff_can_reshape_bands_while_nothing_is_allocated()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.SubmitFormAsync("/Staff/AgeBands", new Dictionary<string, string>
        {
            ["Input[0].MaxAge"] = "6",
            ["Input[1].MinAge"] = "7",
            ["Input[1].Name"] = "élémentaire (CP-CM2)",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var bands = await app.Factory.WithDbAsync(db => db.AgeBands.OrderBy(b => b.SortOrder).ToListAsync());
        Assert.Equal((3, 6), (bands[0].MinAge, bands[0].MaxAge));
        Assert.Equal((7, 10, "élémentaire (CP-CM2)"), (bands[1].MinAge, bands[1].MaxAge, bands[1].Name));
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "AgeBand" && a.Action == "Modified")));
    }
}
