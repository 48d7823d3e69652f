using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MilleLivres.Core.Packing;
using MilleLivres.Tests.Applications;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;

namespace MilleLivres.BrowserTests;

/// <summary>
/// Issue 10: every page each role can reach, in its normal and its error state, checked with axe-core for WCAG 2.1 A and
/// AA; the coordinator and public pages at phone widths; keyboard-only journeys. Page lists are looped inside a few tests
/// that share the collection's app host, to keep the suite fast.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityBrowserTests(BrowserApp app)
{
    /// <summary>
    /// The one page left out: the Hangfire dashboard (/Staff/jobs) is third-party markup we neither write nor can fix;
    /// staff reach it from the packing page only to inspect background jobs.
    /// </summary>
    public const string ExcludedDashboard = MilleLivres.Web.Hosting.BackgroundJobs.DashboardPath;

    /// <summary>Ids the page lists need: a wave with cartons for Lens, a title, an application and its status link.</summary>
    private sealed record Fixture(int PlanningWave, int ClosedWave, int PackedWave, int Lens, int TitleId, int ApplicationId, string StatusUrl, string CartonCode);

    private static readonly SemaphoreSlim FixtureLock = new(1, 1);
    private Fixture? _fixture;

    private async Task<Fixture> FixtureAsync()
    {
        await FixtureLock.WaitAsync();
        try
        {
            if (_fixture is not null)
            {
                return _fixture;
            }
            var existing = await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Number == 41).Select(w => (int?)w.Id).SingleOrDefaultAsync());
            int waveId;
            if (existing is { } id)
            {
                waveId = id;
            }
            else
            {
                (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 41, new Dictionary<string, int> { ["Lens"] = 8 });
            }
            var lens = await app.Factory.WithDbAsync(db => db.Towns.Where(t => t.Name == "Lens").Select(t => t.Id).SingleAsync());
            await using (var scope = app.Factory.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<CartonPlanner>().EnsureAsync(waveId, lens, CancellationToken.None);
            }
            var code = await app.Factory.WithDbAsync(db => db.Cartons.Where(c => c.WaveId == waveId && c.TownId == lens).OrderBy(c => c.Number).Select(c => c.Code).FirstAsync());
            var statusUrl = await ApplyForm.SubmitAsync(CreateClient(), ApplyForm.Valid("Tourcoing", "59599"));
            var hash = MilleLivres.Core.Applications.SecretToken.Hash(statusUrl.Split('/').Last());
            var applicationId = await app.Factory.WithDbAsync(db => db.ApplicationStatusLinks.Where(l => l.TokenHash == hash).Select(l => l.TownApplicationId).SingleAsync());
            // A planning wave of its own: other browser tests may plan the demo's wave 3 in the meantime.
            if (!await app.Factory.WithDbAsync(db => db.Waves.AnyAsync(w => w.Number == 42)))
            {
                await app.Factory.WithDbAsync(async db =>
                {
                    db.Waves.Add(new MilleLivres.Core.Domain.Wave(42, "Vague 42 — accessibilité"));
                    await db.SaveChangesAsync();
                });
            }
            var waves = await app.Factory.WithDbAsync(db => db.Waves.Select(w => new { w.Id, w.Number }).ToListAsync());
            var title = await app.Factory.WithDbAsync(db => db.Titles.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());
            _fixture = new Fixture(waves.Single(w => w.Number == 42).Id, waves.Single(w => w.Number == 1).Id, waveId, lens, title, applicationId,
                new Uri(statusUrl, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(statusUrl).PathAndQuery : statusUrl, code);
            return _fixture;
        }
        finally
        {
            FixtureLock.Release();
        }
    }

    /// <summary>Generous timeouts: the whole suite shares two busy cores (conditions are still waited for, never sleeps).</summary>
    private static IPage Patient(IPage page)
    {
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        return page;
    }

    private HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(app.BaseUrl) };

    private static IReadOnlyList<string> PublicPages(Fixture f) =>
        ["/", "/Figures", "/Apply", "/Account/Login", f.StatusUrl, "/Error/404"];

    private static IReadOnlyList<string> CoordinatorPages(Fixture f) =>
        ["/Coordinator", "/Coordinator/Delivery", $"/Coordinator/Receipt/{f.CartonCode}", $"/Coordinator/Wishes/{f.PackedWave}/{f.Lens}"];

    private static IReadOnlyList<string> StaffPages(Fixture f) =>
    [
        "/Staff", "/Staff/Waves", "/Staff/Waves/Create", $"/Staff/Waves/Details/{f.PlanningWave}", $"/Staff/Waves/Edit/{f.PlanningWave}",
        $"/Staff/Waves/Plan/{f.PlanningWave}", $"/Staff/Waves/Details/{f.ClosedWave}", $"/Staff/Waves/Details/{f.PackedWave}",
        $"/Staff/Waves/{f.PackedWave}/Allocation/{f.Lens}", $"/Staff/Waves/{f.PackedWave}/Wishes/{f.Lens}", $"/Staff/Packing/{f.PackedWave}",
        "/Staff/Applications", $"/Staff/Applications/Details/{f.ApplicationId}", "/Staff/Applications/Members",
        "/Staff/Towns", "/Staff/Towns?q=lens", "/Staff/Towns/Create", $"/Staff/Towns/Details/{f.Lens}", $"/Staff/Towns/Edit/{f.Lens}", $"/Staff/Towns/Quota/{f.Lens}",
        "/Staff/Stock", "/Staff/Stock/Summary", $"/Staff/Stock/Details/{f.TitleId}", "/Staff/Stock/Donation", $"/Staff/Stock/Adjust/{f.TitleId}", "/Staff/Stock/Import",
        "/Staff/AgeBands", "/Staff/Audit",
        "/Staff/Reports", "/Staff/Reports/Reconciliation", $"/Staff/Reports/Wave/{f.PackedWave}",
    ];

    /// <summary>Forms whose empty submission shows the error state (the browser's own checks switched off, as a robot or an old browser would).</summary>
    private static IReadOnlyList<(string Url, string Form)> StaffErrorStates(Fixture f) =>
    [
        ("/Staff/Waves/Create", "main form[method=post]"),
        ("/Staff/Towns/Create", "main form[method=post]"),
        ($"/Staff/Towns/Edit/{f.Lens}", "main form[method=post]"),
        ("/Staff/Stock/Donation", "main form[method=post]"),
        ($"/Staff/Stock/Adjust/{f.TitleId}", "main form[method=post]"),
        ("/Staff/Stock/Import", "main form[method=post]"),
        ($"/Staff/Applications/Details/{f.ApplicationId}", "#decision-form"),
        ($"/Staff/Waves/Details/{f.PlanningWave}", "#ajout-ville"),
    ];

    private static async Task GotoOkAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is not null && (response.Ok || url.StartsWith("/Error/", StringComparison.Ordinal)), $"{url}: {response?.Status}");
    }

    private static async Task SubmitWithoutBrowserChecksAsync(IPage page, string formSelector)
    {
        var form = page.Locator(formSelector).First;
        await form.EvaluateAsync("""
            f => {
                f.noValidate = true;
                f.querySelectorAll('input[type=checkbox], input[type=radio]').forEach(c => c.checked = false);
                f.querySelectorAll('input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=number], input[type=date], textarea').forEach(i => i.value = '');
                f.querySelectorAll('select').forEach(s => s.selectedIndex = 0);
            }
            """);;
        // The form's main button: the first one (Donation's second button only adds lines).
        await form.Locator("button[type=submit]").First.ClickAsync();
        try
        {
            await page.WaitForSelectorAsync("#error-summary", new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no error summary after posting {formSelector} empty: {page.Url} « {await page.TitleAsync()} »");
        }
    }

    [Fact]
    public async Task Every_public_and_coordinator_page_normal_and_in_error_has_no_wcag_a_or_aa_violation()
    {
        var f = await FixtureAsync();
        var problems = new StringBuilder();
        var visitor = Patient(await app.NewPageAsync());
        foreach (var url in PublicPages(f))
        {
            await GotoOkAsync(visitor, url);
            problems.Append(await Axe.ViolationsAsync(visitor, url));
        }
        await GotoOkAsync(visitor, "/Apply");
        await SubmitWithoutBrowserChecksAsync(visitor, "main form[method=post]");
        problems.Append(await Axe.ViolationsAsync(visitor, "/Apply (erreurs)"));
        await GotoOkAsync(visitor, "/Account/Login");
        await visitor.FillAsync("#Input_Email", Http.LensEmail);
        await visitor.FillAsync("#Input_Password", "pas le bon mot de passe");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await visitor.WaitForSelectorAsync("#error-summary");
        problems.Append(await Axe.ViolationsAsync(visitor, "/Account/Login (erreur)"));

        var coordinator = Patient(await app.SignedInPageAsync(Http.LensEmail));
        foreach (var url in CoordinatorPages(f))
        {
            await GotoOkAsync(coordinator, url);
            problems.Append(await Axe.ViolationsAsync(coordinator, url));
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }

    [Fact]
    public async Task Every_staff_page_normal_and_in_error_has_no_wcag_a_or_aa_violation()
    {
        var f = await FixtureAsync();
        var staff = Patient(await app.SignedInPageAsync(Http.StaffEmail));
        var problems = new StringBuilder();
        var pages = StaffPages(f);
        Assert.DoesNotContain(pages, p => p.StartsWith(ExcludedDashboard, StringComparison.OrdinalIgnoreCase));
        foreach (var url in pages)
        {
            await GotoOkAsync(staff, url);
            problems.Append(await Axe.ViolationsAsync(staff, url));
        }
        foreach (var (url, form) in StaffErrorStates(f))
        {
            await GotoOkAsync(staff, url);
            await SubmitWithoutBrowserChecksAsync(staff, form);
            Assert.StartsWith("Erreur : ", await staff.TitleAsync());
            problems.Append(await Axe.ViolationsAsync(staff, url + " (erreurs)"));
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }

    /// <summary>
    /// The check itself can fail: an image without text and a page without a language, planted in a real page, are both
    /// reported (the second is a page-level rule, so the check covers the whole page and not only its elements).
    /// </summary>
    [Fact]
    public async Task The_accessibility_check_reports_an_element_violation_and_a_page_level_one_planted_in_a_page()
    {
        var visitor = Patient(await app.NewPageAsync());
        await GotoOkAsync(visitor, "/Figures");
        Assert.Equal(string.Empty, await Axe.ViolationsAsync(visitor, "/Figures"));
        await visitor.EvaluateAsync("""
            () => {
                const img = document.createElement('img');
                img.src = '/favicon.ico';
                document.querySelector('main').appendChild(img);
                document.documentElement.removeAttribute('lang');
            }
            """);
        var problems = await Axe.ViolationsAsync(visitor, "/Figures (planté)");
        Assert.Contains("image-alt", problems);
        Assert.Contains("html-has-lang", problems);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(390)]
    public async Task Coordinator_and_public_pages_fit_a_phone_without_sideways_scrolling(int width)
    {
        var f = await FixtureAsync();
        var problems = new List<string>();
        async Task CheckAsync(IPage page, string url)
        {
            await GotoOkAsync(page, url);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (scroll, inner) = (widths[0], widths[1]);
            if (scroll > inner)
            {
                var culprit = await page.EvaluateAsync<string>("""
                    () => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                        .slice(0, 3).map(e => e.outerHTML.slice(0, 120)).join(' | ')
                    """);
                problems.Add($"{url}: {scroll} > {inner}: {culprit}");
            }
        }
        var viewport = new ViewportSize { Width = width, Height = 800 };
        var visitor = Patient(await app.NewPageAsync());
        await visitor.SetViewportSizeAsync(width, 800);
        foreach (var url in PublicPages(f))
        {
            await CheckAsync(visitor, url);
        }
        var coordinator = Patient(await app.SignedInPageAsync(Http.LensEmail));
        await coordinator.SetViewportSizeAsync(viewport.Width, viewport.Height);
        foreach (var url in CoordinatorPages(f))
        {
            await CheckAsync(coordinator, url);
        }
        // The carton page, the one read standing beside the cartons: the quantity of each line is on screen.
        await GotoOkAsync(coordinator, $"/Coordinator/Receipt/{f.CartonCode}");
        var quantities = coordinator.Locator("main table tbody td[data-label^='Q']");
        Assert.True(await quantities.CountAsync() > 0, "no quantity cells on the carton page");
        var box = await quantities.First.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width, $"quantity at {box?.X}+{box?.Width}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Staff_navigation_stays_on_one_line_at_1366_pixels()
    {
        var staff = Patient(await app.SignedInPageAsync(Http.StaffEmail));
        await staff.SetViewportSizeAsync(1366, 768);
        await GotoOkAsync(staff, "/Staff");
        var wrapped = await staff.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#menu .nav-link, #menu .btn, #menu .navbar-text')]
                .filter(e => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1; })
                .map(e => e.textContent.trim())
            """);
        Assert.Empty(wrapped);
        var tops = await staff.EvaluateAsync<double[]>("() => [...document.querySelectorAll('#menu > ul > li')].map(e => Math.round(e.getBoundingClientRect().top))");
        // One row: items are vertically centred (a few pixels apart), never a line below another.
        Assert.True(tops.Max() - tops.Min() < 20, string.Join(", ", tops));
    }

    /// <summary>Tabs until the focused element matches <paramref name="selector"/>; fails if it never does.</summary>
    private static async Task TabToAsync(IPage page, string selector, int maxTabs = 80)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {selector} on {page.Url}");
    }

    [Fact]
    public async Task A_coordinator_signs_in_opens_a_carton_and_goes_back_with_the_keyboard_only()
    {
        var f = await FixtureAsync();
        var page = Patient(await app.NewPageAsync());
        await GotoOkAsync(page, "/Account/Login");
        await TabToAsync(page, "#Input_Email");
        await page.Keyboard.TypeAsync(Http.LensEmail);
        await TabToAsync(page, "#Input_Password");
        await page.Keyboard.TypeAsync(Http.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.ArrivedAtAsync(url => url.EndsWith("/Coordinator", StringComparison.Ordinal));

        await TabToAsync(page, "main a[href='/Coordinator/Delivery']");
        await page.Keyboard.PressAsync("Enter");
        await page.ArrivedAtAsync(url => url.EndsWith("/Coordinator/Delivery", StringComparison.Ordinal));
        await TabToAsync(page, $"main a[href='/Coordinator/Receipt/{f.CartonCode}']");
        await page.Keyboard.PressAsync("Enter");
        await page.ArrivedAtAsync(url => url.EndsWith(f.CartonCode, StringComparison.Ordinal));
        Assert.Contains("Carton", await page.Locator("h1").InnerTextAsync());

        await TabToAsync(page, "main a[href='/Coordinator/Delivery']");
        await page.Keyboard.PressAsync("Enter");
        await page.ArrivedAtAsync(url => url.EndsWith("/Coordinator/Delivery", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_applicant_fills_sends_and_fixes_the_form_with_the_keyboard_only()
    {
        var page = Patient(await app.NewPageAsync());
        await GotoOkAsync(page, "/Apply");
        async Task TypeAsync(string field, string value)
        {
            await TabToAsync(page, field);
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync(value);
        }
        await TypeAsync("#Input_TownName", "Roubaix");
        await TypeAsync("#Input_InseeCode", "ROUBX"); // wrong on purpose: fixed after the error
        await TypeAsync("#Input_CiteEducativeName", "Cité éducative de Roubaix");
        // A radio group is one tab stop; the arrow keys choose inside it.
        await TabToAsync(page, "#Input_IsMember");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.True(await page.Locator("#membre-non").IsCheckedAsync());
        await TypeAsync("#Input_ApplicantName", "Inès Lefebvre");
        await TypeAsync("#Input_ApplicantRole", "Adjointe à l'éducation");
        await TypeAsync("#Input_ApplicantEmail", "ines.lefebvre@roubaix.example");
        await TypeAsync("#Input_ApplicantPhone", "03 20 66 46 00");
        await TypeAsync("#Input_CoordinatorName", "Malik Haddad");
        await TypeAsync("#Input_CoordinatorEmail", "malik.haddad@roubaix.example");
        await TypeAsync("#Input_CoordinatorPhone", "06 11 22 33 44");
        await TypeAsync("#Input_DeliveryStructure", "Médiathèque La Grand-Plage");
        await TypeAsync("#Input_DeliveryStreet", "2 rue Pierre-Motte");
        await TypeAsync("#Input_DeliveryPostcode", "59100");
        await TypeAsync("#Input_DeliveryCity", "Roubaix");
        for (var i = 0; i < 4; i++)
        {
            await TypeAsync($"#Input_Children_{i}__Count", (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await TypeAsync("#Input_Partners", "Écoles et centres sociaux");
        await TypeAsync("#Input_Plan", "Remise des livres dans les écoles.");
        await TabToAsync(page, "#Input_Consent");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "main button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        // The summary takes the focus; its link leads to the field, which is fixed and the form sent again.
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'error-summary'", null, new() { Timeout = 90_000 });
        await TabToAsync(page, "#error-summary a[href='#Input_InseeCode']", 5);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'Input_InseeCode'", null, new() { Timeout = 90_000 });
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("59512");
        await TabToAsync(page, "main button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.ArrivedAtAsync("**/Apply/Confirmation**");
    }
}
