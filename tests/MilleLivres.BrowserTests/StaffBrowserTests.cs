using Microsoft.Playwright;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.BrowserTests;

[Collection(BrowserCollection.Name)]
public class StaffBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Staff_signs_in_opens_wave_1_and_sees_lens()
    {
        var page = await app.SignedInPageAsync(Http.StaffEmail);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Vagues" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vague 1 — printemps 2020" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Vague 1 — printemps 2020");
        Assert.Matches("/Staff/Waves/Details/[0-9]+$", page.Url);
        var lens = page.Locator("#villes-de-la-vague tbody tr", new() { HasText = "Lens" });
        Assert.Equal(1, await lens.CountAsync());
        Assert.Contains("lundi 27 avril 2020", await lens.InnerTextAsync());
    }

    [Fact]
    public async Task Skip_link_is_the_first_thing_the_keyboard_reaches_and_leads_to_the_content()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Aller au contenu", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#contenu", page.Url);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task Pages_run_without_csp_violations_or_failed_assets()
    {
        var page = await app.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { problems.Add(message.Text); } };
        page.RequestFailed += (_, request) => problems.Add($"failed: {request.Url}");
        page.Response += (_, response) => { if (response.Status >= 400) { problems.Add($"{response.Status}: {response.Url}"); } };
        await page.GotoAsync("/");
        await page.GotoAsync("/Account/Login");
        // Bootstrap's own script loaded from wwwroot/lib (no CDN): its global is there.
        Assert.True(await page.EvaluateAsync<bool>("typeof bootstrap !== 'undefined'"));
        Assert.Empty(problems);
    }
}
