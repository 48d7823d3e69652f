using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MilleLivres.Core.Receipt;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using MilleLivres.Tests.Receipt;

namespace MilleLivres.BrowserTests;

/// <summary>The coordinator on a phone (360 px wide): scan a carton's address, sign in, confirm; or report differences.</summary>
[Collection(BrowserCollection.Name)]
public class ReceiptBrowserTests(BrowserApp app)
{
    private async Task<IPage> PhoneAsync()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.ArrivedAtAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GetByLabel("Adresse électronique").FillAsync(Http.LensEmail);
        await page.GetByLabel("Mot de passe").FillAsync(Http.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"horizontal scrolling on {page.Url}");

    [Fact]
    public async Task Scanning_a_carton_signing_in_and_tapping_tout_est_conforme_shows_it_received_then_the_differences_path_on_another()
    {
        var wave = await DispatchedWave.CreateAsync(app.Factory, 40, new Dictionary<string, int> { ["Lens"] = 8 });
        var lens = await AllocatedWave.TownIdAsync(app.Factory, "Lens");
        var cartons = await wave.CartonsAsync(app.Factory, lens);
        var page = await PhoneAsync();

        // The QR code's address: sign-in first, then straight back to the carton.
        await page.GotoAsync($"/Coordinator/Receipt/{cartons[0].Code}");
        await SignInAsync(page);
        await page.ArrivedAtAsync($"**/Coordinator/Receipt/{cartons[0].Code}");
        await AssertNoHorizontalScrollAsync(page);
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Tout est conforme" });
        var box = await button.BoundingBoxAsync();
        Assert.True(box!.Height >= 44, $"the button is {box.Height} px high");
        await button.ClickAsync();

        await page.ArrivedAtAsync("**/Coordinator/Delivery");
        var delivery = page.Locator($"section.delivery[data-wave='{wave.WaveId}']");
        await Assertions.Expect(delivery.Locator($"tr.carton[data-code='{cartons[0].Code}'] .state")).ToHaveTextAsync("reçu conforme");
        await Assertions.Expect(delivery.Locator(".receipt-progress")).ToHaveTextAsync($"1 / {cartons.Count} cartons reçus");
        await AssertNoHorizontalScrollAsync(page);

        // The differences path, on the next carton.
        await delivery.Locator($"tr.carton[data-code='{cartons[1].Code}'] a").First.ClickAsync();
        await page.ArrivedAtAsync($"**/Coordinator/Receipt/{cartons[1].Code}");
        await page.GetByText("Signaler des écarts").ClickAsync();
        var line = page.Locator("fieldset.difference-line").First;
        await line.GetByLabel("Exemplaires").FillAsync("1");
        await line.GetByLabel("Motif").SelectOptionAsync(new SelectOptionValue { Label = "abîmé" });
        await line.GetByLabel("Commentaire (facultatif)").FillAsync("couverture déchirée");
        await AssertNoHorizontalScrollAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les écarts" }).ClickAsync();

        await page.ArrivedAtAsync("**/Coordinator/Delivery");
        await Assertions.Expect(delivery.Locator($"tr.carton[data-code='{cartons[1].Code}'] .state")).ToHaveTextAsync("reçu avec écarts");
        var carton = await app.Factory.WithDbAsync(db => db.Cartons.Include(c => c.Differences).SingleAsync(c => c.Id == cartons[1].Id));
        var difference = Assert.Single(carton.Differences);
        Assert.Equal((1, DifferenceReason.Damaged, "couverture déchirée"), (difference.Quantity, difference.Reason, difference.Comment));
    }
}
