using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PlanningBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Staff_plans_wave_3_previews_accepts_the_shortfall_confirms_and_sees_the_wave_allocated()
    {
        // A little stock for the youngest band: far less than a town's 1000 books.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var band = await db.AgeBands.OrderBy(b => b.SortOrder).FirstAsync();
            var titles = new[] { "9791000000015", "9791000000022", "9791000000039" }
                .Select((isbn, i) => new Title(isbn, $"Album de la vague 3 n°{i + 1}", "Autrice", "Éditions Test", band.Id, Genre.Album))
                .ToList();
            db.Titles.AddRange(titles);
            await db.SaveChangesAsync();
            var ledger = scope.ServiceProvider.GetRequiredService<StockLedger>();
            foreach (var t in titles)
            {
                await ledger.ReceiveDonationAsync(t.Id, 4, "Éditions Test", new DateOnly(2026, 9, 1), "BL-V3");
            }
        }

        var page = await app.SignedInPageAsync(Http.StaffEmail);
        await page.GotoAsync("/Staff/Waves");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vague 3 — à préparer" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Ville à ajouter")).ToBeVisibleAsync();
        await page.GetByLabel("Ville à ajouter").SelectOptionAsync(new SelectOptionValue { Label = "Arras (62041)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter à la vague" }).ClickAsync();
        await Assertions.Expect(page.Locator("#villes-de-la-vague tbody tr", new() { HasText = "Arras" })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Préparer la dotation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#apercu")).ToBeVisibleAsync();
        var arras = page.Locator("#apercu tbody tr", new() { HasText = "Arras" });
        Assert.Contains("manque", await arras.InnerTextAsync());
        await page.Locator("details", new() { HasText = "Arras" }).Locator("summary").ClickAsync();
        Assert.True(await page.GetByText("Album de la vague 3 n°1 × 3").IsVisibleAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer et réserver les livres" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.AcceptShortfall']")).ToContainTextAsync("Il manque");
        await page.GetByLabel("J'accepte le manque").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer et réserver les livres" }).ClickAsync();

        await Assertions.Expect(page.Locator("#etat-vague")).ToHaveTextAsync("dotations réservées");
        Assert.Contains("Dotation confirmée", await page.Locator("main").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la vague" }).ClickAsync();
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync("dotations réservées");
        var reserved = await app.Factory.WithDbAsync(db => db.Titles.Where(t => t.Name.StartsWith("Album de la vague 3")).SumAsync(t => t.Reserved));
        Assert.Equal(9, reserved); // three titles, at most three copies each for one town
    }
}
