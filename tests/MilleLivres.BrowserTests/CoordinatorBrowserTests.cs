using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.BrowserTests;

[Collection(BrowserCollection.Name)]
public class CoordinatorBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Boulogne_coordinator_lands_on_their_own_town()
    {
        var page = await app.SignedInPageAsync(Http.BoulogneEmail);
        Assert.EndsWith("/Coordinator", page.Url);
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Boulogne-sur-Mer", main);
        Assert.Contains("Vague 2", main);
        Assert.DoesNotContain("Lens", main);
    }
}
