using Microsoft.Playwright;

namespace MilleLivres.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ApplyBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_member_town_applies_and_follows_its_application_by_the_private_link()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Apply");
        await AssertHoneypotOutOfSightAsync(page);

        await page.FillAsync("#Input_TownName", "Amiens");
        await page.FillAsync("#Input_InseeCode", "80021");
        await page.FillAsync("#Input_CiteEducativeName", "Cité éducative d'Amiens « Nord »");
        await page.CheckAsync("#membre-oui");
        await page.FillAsync("#Input_ApplicantName", "Élise Martin");
        await page.FillAsync("#Input_ApplicantRole", "Adjointe à l'éducation");
        await page.FillAsync("#Input_ApplicantEmail", "elise.martin@amiens.example");
        await page.FillAsync("#Input_ApplicantPhone", "03 22 97 40 00");
        await page.FillAsync("#Input_CoordinatorName", "Karim Benali");
        await page.FillAsync("#Input_CoordinatorEmail", "karim.benali@amiens.example");
        await page.FillAsync("#Input_CoordinatorPhone", "06 12 34 56 78");
        await page.FillAsync("#Input_DeliveryStructure", "Médiathèque du Nord");
        await page.FillAsync("#Input_DeliveryStreet", "12 rue de la République");
        await page.FillAsync("#Input_DeliveryPostcode", "80000");
        await page.FillAsync("#Input_DeliveryCity", "Amiens");
        var counts = new[] { "120", "300", "250", "0" };
        for (var i = 0; i < counts.Length; i++)
        {
            await page.FillAsync($"#Input_Children_{i}__Count", counts[i]);
        }
        await page.FillAsync("#Input_Partners", "Écoles du quartier, médiathèque, centre social");
        await page.FillAsync("#Input_Plan", "Remise des livres dans les écoles puis lectures avec les familles.");
        await page.CheckAsync("#Input_Consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la candidature" }).ClickAsync();

        var link = page.Locator("#status-link");
        await Assertions.Expect(link).ToBeVisibleAsync();
        var href = await link.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href));
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("déposée");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Amiens", main);
        Assert.Contains("déposée", main);
    }

    [Fact]
    public async Task An_empty_application_shows_the_errors_beside_each_field()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la candidature" }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        Assert.Contains("point(s) à corriger", await page.Locator("#form-errors").InnerTextAsync());
        var townError = page.Locator("[data-valmsg-for='Input.TownName']");
        Assert.False(string.IsNullOrWhiteSpace(await townError.InnerTextAsync()));
        await AssertHoneypotOutOfSightAsync(page);
    }

    /// <summary>
    /// The honeypot is moved off-screen (not display:none, which some bots skip): a person neither sees it nor tabs into it.
    /// </summary>
    private static async Task AssertHoneypotOutOfSightAsync(IPage page)
    {
        var box = await page.Locator("#Website").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box!.X + box.Width <= 0, $"the honeypot field is on screen at x={box.X}");
        Assert.Equal("-1", await page.Locator("#Website").GetAttributeAsync("tabindex"));
    }
}
