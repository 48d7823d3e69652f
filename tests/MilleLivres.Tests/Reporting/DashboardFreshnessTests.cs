using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Reporting;

public partial class ProgrammeFiguresTests
{
    /// <summary>
    /// The staff home keeps its map, tables and served départements per state of the data (ADR 0825): an audited change
    /// made after a page was rendered from memory shows at the next request, without waiting for any expiry.
    /// </summary>
    [Fact]
    public async Task Staff_home_rendered_from_memory_shows_an_audited_change_at_the_next_request()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var before = await client.GetDocumentAsync("/Staff");
        Assert.Contains("Maubeuge", before.QuerySelector("table#carte-staff-table tr[data-code='59']")!.TextContent);
        // Rendered a second time from memory: the same map.
        var again = await client.GetDocumentAsync("/Staff");
        Assert.Contains("Maubeuge", (await MapPicture.FollowAsync(client, again, "carte-staff")).QuerySelector("path[data-code='59'] title")!.TextContent);

        var townId = await app.Factory.WithDbAsync(db => db.Towns.Where(t => t.Name == "Maubeuge").Select(t => t.Id).SingleAsync());
        const string renamed = "Maubeuge-Sous-le-Pont";
        await RenameAsync(townId, renamed);
        try
        {
            var after = await client.GetDocumentAsync("/Staff");
            Assert.Contains(renamed, after.QuerySelector("table#carte-staff-table tr[data-code='59']")!.TextContent);
            Assert.Contains(renamed, (await MapPicture.FollowAsync(client, after, "carte-staff")).QuerySelector("path[data-code='59'] title")!.TextContent);
        }
        finally
        {
            await RenameAsync(townId, "Maubeuge");
        }
    }

    /// <summary>Through the entity and SaveChangesAsync, so audited like the town edit page.</summary>
    private Task RenameAsync(int townId, string name) => app.Factory.WithDbAsync(async db =>
    {
        var town = await db.Towns.SingleAsync(t => t.Id == townId);
        town.Update(name, town.InseeCode, town.Departement, town.Region, town.CiteEducativeName, town.IsVilleBanlieueMember);
        await db.SaveChangesAsync();
    });
}
