using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.BrowserTests;

/// <summary>
/// The app on a real Kestrel port (a seeded SQLite file of its own) and Debian's Chromium driven by Playwright.
/// Playwright cannot download a browser here: it runs the system Chromium through ExecutablePath.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>
    /// How long an action or an expected element may take: a cold first page (Razor compilation, the first query) on
    /// a machine loaded by other builds takes seconds, not the 5 to 30 s Playwright assumes.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private IPlaywright? _playwright;

    public AppFactory Factory { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } custom ? custom : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {chromium}. Install it with `apt-get install chromium` (scripts/test.sh does it), " +
                "or point CHROMIUM_PATH at a Chromium binary.");
        }
        Factory.UseKestrel(0);
        // Seeded first: the host then starts (on Kestrel) on a copy of the seeded template instead of seeding in place.
        await Factory.SeededAsync();
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // As root in a container, and on a closed network: no sandbox, no background calls home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "fr-FR" });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Http.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // Signed in: the explicit sign of it on the page that follows, not a load or network event.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}

/// <summary>
/// Waiting for the page a click or a key led to. Playwright's own <c>WaitForURLAsync</c> then waits for the "load"
/// lifecycle event it tracks per frame, and twice in loaded runs it missed one that had fired (its log said the network
/// was already idle) and waited out its timeout. This waits for the address to be committed, then for the document to
/// say it is complete (parsed, its scripts run, its images and styles loaded): conditions read from the page itself.
/// </summary>
public static class PageArrival
{
    public static async Task ArrivedAtAsync(this IPage page, Func<string, bool> url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = (float)BrowserApp.Timeout.TotalMilliseconds });
        await CompleteAsync(page);
    }

    public static async Task ArrivedAtAsync(this IPage page, string glob)
    {
        await page.WaitForURLAsync(glob, new() { WaitUntil = WaitUntilState.Commit, Timeout = (float)BrowserApp.Timeout.TotalMilliseconds });
        await CompleteAsync(page);
    }

    private static Task CompleteAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState === 'complete'", null,
            new() { Timeout = (float)BrowserApp.Timeout.TotalMilliseconds, PollingInterval = 50 });
}
