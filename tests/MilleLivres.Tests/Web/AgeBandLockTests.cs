using System.Net;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Web;

public class AgeBandLockTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task Bands_cannot_change_once_an_allocation_uses_them()
    {
        await app.Factory.WithDbAsync(async db =>
        {
            var band = await db.AgeBands.OrderBy(b => b.SortOrder).FirstAsync();
            var title = new Title("9782070612758", "Le Petit Prince", "Antoine de Saint-Exupéry", "Gallimard Jeunesse", band.Id, Genre.Roman);
            db.Titles.Add(title);
            await db.SaveChangesAsync();
            var wave3 = await db.Waves.SingleAsync(w => w.Number == 3);
            var lens = await db.Towns.SingleAsync(t => t.InseeCode == "62498");
            db.AllocationLines.Add(new AllocationLine(wave3.Id, lens.Id, title.Id, band.Id, band.Id, 2, wished: false));
            await db.SaveChangesAsync();
        });
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await client.GetDocumentAsync("/Staff/AgeBands");
        Assert.Contains("la vague 3 a des dotations", page.QuerySelector(".alert-warning")!.TextContent);

        // A hand-made post is refused too, and changes nothing.
        var response = await client.SubmitFormAsync(page, new Dictionary<string, string>
        {
            ["Input[0].Id"] = "1", ["Input[0].Name"] = "petits", ["Input[0].MinAge"] = "3", ["Input[0].MaxAge"] = "5",
            ["Input[1].Id"] = "2", ["Input[1].Name"] = "élémentaire", ["Input[1].MinAge"] = "6", ["Input[1].MaxAge"] = "10",
            ["Input[2].Id"] = "3", ["Input[2].Name"] = "collège", ["Input[2].MinAge"] = "11", ["Input[2].MaxAge"] = "14",
            ["Input[3].Id"] = "4", ["Input[3].Name"] = "lycée", ["Input[3].MinAge"] = "15", ["Input[3].MaxAge"] = "18",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("maternelle", await app.Factory.WithDbAsync(db => db.AgeBands.Where(b => b.Id == 1).Select(b => b.Name).SingleAsync()));
    }
}
