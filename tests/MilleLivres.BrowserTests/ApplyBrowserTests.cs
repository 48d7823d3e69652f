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
        await page.CheckAsync("#Input_IsMember");
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
    public async Task An_empty_application_lists_each_error_as_a_link_to_its_field_and_ties_fields_to_their_messages()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la candidature" }).ClickAsync();
        await page.WaitForSelectorAsync("#error-summary");

        // The summary has the focus, the title says there are errors.
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'error-summary'", null, new() { Timeout = 90_000 });
        Assert.StartsWith("Erreur : ", await page.TitleAsync());
        var townError = page.Locator("[data-valmsg-for='Input.TownName']");
        var message = await townError.InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(message));

        // Each error once, as a link to a field that exists; the field points back at its message.
        var links = page.Locator("#error-summary a");
        var hrefs = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(hrefs.Length >= 15, $"{hrefs.Length} links");
        Assert.Equal(hrefs.Length, hrefs.Distinct().Count());
        foreach (var href in hrefs)
        {
            Assert.Equal(1, await page.Locator(href).CountAsync());
        }
        Assert.Contains(message, await page.Locator("#error-summary a[href='#Input_TownName']").InnerTextAsync());
        var town = page.Locator("#Input_TownName");
        Assert.Equal("true", await town.GetAttributeAsync("aria-invalid"));
        var describedBy = (await town.GetAttributeAsync("aria-describedby"))!.Split(' ');
        Assert.Contains(await townError.GetAttributeAsync("id"), describedBy);
        Assert.Equal("true", await page.Locator("#Input_Consent").GetAttributeAsync("aria-invalid"));
        Assert.Equal("true", await page.Locator("#Input_IsMember").GetAttributeAsync("aria-invalid"));

        // Following a link puts the keyboard in the field.
        await page.Locator("#error-summary a[href='#Input_InseeCode']").ClickAsync();
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'Input_InseeCode'", null, new() { Timeout = 90_000 });
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
