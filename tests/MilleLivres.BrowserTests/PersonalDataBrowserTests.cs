using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MilleLivres.Core.Domain;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PersonalDataBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Staff_find_a_person_and_erase_them_from_the_personal_data_page()
    {
        const string email = "paul.navigateur@ville.example.fr";
        await app.Factory.WithDbAsync(async db =>
        {
            var arras = await db.Towns.SingleAsync(t => t.InseeCode == "62041");
            arras.SetCoordinatorContact(Contact.Of("Paul Navigateur", email, null));
            await db.SaveChangesAsync();
        });
        var problems = new List<string>();
        var page = await app.SignedInPageAsync(Http.StaffEmail);
        page.Console += (_, message) => { if (message.Type == "error") { problems.Add(message.Text); } };
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Données personnelles" }).ClickAsync();
        await page.ArrivedAtAsync("**/Staff/PersonalData");
        Assert.Contains("Prochaine anonymisation", await page.Locator("#next-run").InnerTextAsync());

        await page.GetByLabel("Adresse électronique ou nom").FillAsync("navigateur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await page.Locator("#report", new() { HasText = "Fiche de la ville de Arras" }).WaitForAsync(new() { Timeout = 30_000 });

        await page.GetByLabel("Adresse électronique", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Motif").FillAsync("Demande reçue par courrier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Effacer" }).ClickAsync();
        await page.Locator("#message", new() { HasText = "Effacement fait" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("effacement demandé", await page.Locator("#runs").InnerTextAsync());
        Assert.True((await app.Factory.WithDbAsync(db => db.Towns.SingleAsync(t => t.InseeCode == "62041"))).CoordinatorContact.IsEmpty);
        Assert.Empty(problems);
    }
}
