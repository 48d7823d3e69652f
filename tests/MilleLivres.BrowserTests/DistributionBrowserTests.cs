using Microsoft.Playwright;
using MilleLivres.Tests.Distribution;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;

namespace MilleLivres.BrowserTests;

[Collection(BrowserCollection.Name)]
public class DistributionBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task On_a_phone_the_coordinator_records_two_rows_and_sees_the_progress_move()
    {
        var wave = await DeliveredWave.CreateThroughJobsAsync(app.Factory, 50, new Dictionary<string, int> { ["Lens"] = 8 }, receiveAll: true);
        var lens = await AllocatedWave.TownIdAsync(app.Factory, "Lens");
        var received = await DeliveredWave.ReceivedByHandAsync(app.Factory, wave.WaveId, lens);
        var bands = received.Where(r => r.Value >= 3).OrderBy(r => r.Key).Take(2).ToList();
        Assert.Equal(2, bands.Count);

        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal)) { problems.Add($"{message.Text} ({message.Location})"); } };
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(Http.LensEmail);
        await page.GetByLabel("Mot de passe").FillAsync(Http.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.ArrivedAtAsync(url => url.EndsWith("/Coordinator", StringComparison.Ordinal));

        string Band(int band, string what) => $".distribution-progress[data-wave='{wave.WaveId}'] .band-progress[data-band='{band}'] .{what}";
        await Assertions.Expect(page.Locator(Band(bands[0].Key, "handed-out"))).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(Band(bands[0].Key, "received"))).ToHaveTextAsync(bands[0].Value.ToString());
        Assert.True(await FitsAsync(page), "the progress page is wider than the phone");

        await page.Locator($"a[href='/Coordinator/Distributions/{wave.WaveId}/{lens}']").ClickAsync();
        await Assertions.Expect(page.Locator("form#add-rows")).ToBeVisibleAsync();
        Assert.True(await FitsAsync(page), "the distributions page is wider than the phone");
        await FillRowAsync(page, 0, bands[0].Key, "EcoleMaternelle", "École maternelle Les Tilleuls", 18, 3);
        await FillRowAsync(page, 1, bands[1].Key, "Mediatheque", "Médiathèque Robert-Cousin", 11, 2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("2 ligne(s) de distribution enregistrée(s)", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("li.distribution-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(Band(bands[0].Key, "handed-out"))).ToHaveTextAsync("3");

        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à l'avancement" }).ClickAsync();
        await Assertions.Expect(page.Locator(Band(bands[0].Key, "handed-out"))).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator(Band(bands[0].Key, "children"))).ToHaveTextAsync("18");
        await Assertions.Expect(page.Locator(Band(bands[0].Key, "left"))).ToHaveTextAsync((bands[0].Value - 3).ToString());
        await Assertions.Expect(page.Locator(Band(bands[1].Key, "handed-out"))).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator(Band(bands[1].Key, "children"))).ToHaveTextAsync("11");
        Assert.Equal(3, await page.Locator($"#progress-{wave.WaveId}-{lens}-{bands[0].Key}").EvaluateAsync<int>("p => p.value"));
        Assert.True(await FitsAsync(page), "the progress page is wider than the phone");
        // The narrowest phones the programme expects: 360 px.
        await page.SetViewportSizeAsync(360, 740);
        Assert.True(await FitsAsync(page), "the progress page is wider than a 360 px phone");
        await page.GotoAsync($"/Coordinator/Distributions/{wave.WaveId}/{lens}");
        Assert.True(await FitsAsync(page), "the distributions page is wider than a 360 px phone");
        Assert.True(problems.Count == 0, string.Join(" | ", problems));
        await context.CloseAsync();
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static async Task FillRowAsync(IPage page, int index, int band, string placeKind, string place, int children, int books)
    {
        await page.Locator($"#Input_Rows_{index}__AgeBandId").SelectOptionAsync(band.ToString());
        await page.Locator($"#Input_Rows_{index}__PlaceKind").SelectOptionAsync(placeKind);
        await page.Locator($"#Input_Rows_{index}__PlaceName").FillAsync(place);
        await page.Locator($"#Input_Rows_{index}__ChildrenReached").FillAsync(children.ToString());
        await page.Locator($"#Input_Rows_{index}__BooksHandedOut").FillAsync(books.ToString());
    }
}
