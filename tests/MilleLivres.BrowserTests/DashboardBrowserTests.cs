using Microsoft.Playwright;
using MilleLivres.Tests.Distribution;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.BrowserTests;

/// <summary>The staff dashboard with a delivered wave (figures, completeness, a receipt difference to act on), checked with axe (ADR 0800).</summary>
[Collection(BrowserCollection.Name)]
public class DashboardBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task The_staff_dashboard_with_a_delivered_wave_has_no_wcag_a_or_aa_violation()
    {
        var wave = await DeliveredWave.CreateThroughJobsAsync(app.Factory, 60, new Dictionary<string, int> { ["Boulogne-sur-Mer"] = 12 });
        var page = await app.SignedInPageAsync(Http.StaffEmail);
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        await page.GotoAsync("/Staff");
        await Assertions.Expect(page.Locator($"#figures-waves tbody tr[data-wave-id='{wave.WaveId}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#completeness tbody tr[data-wave-id='{wave.WaveId}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#attention-differences a")).ToBeVisibleAsync();

        var problems = await Axe.ViolationsAsync(page, "/Staff");
        Assert.True(problems.Length == 0, problems.ToString());
    }

    /// <summary>
    /// Chart.js draws each chart from the table it names (ADR 0820): the chart exists on its canvas, holds the table's
    /// numbers, and the table stays on the page; the same on the public figures page, with the map.
    /// </summary>
    [Fact]
    public async Task Charts_render_on_their_canvases_from_the_tables_on_the_dashboard_and_the_public_page()
    {
        var staff = await app.SignedInPageAsync(Http.StaffEmail);
        staff.SetDefaultTimeout(90_000);
        staff.SetDefaultNavigationTimeout(90_000);
        await staff.GotoAsync("/Staff");
        foreach (var (canvas, table) in new[] { ("chart-waves", "figures-waves"), ("chart-bands", "bands-programme"), ("chart-stock", "stock-bands") })
        {
            await AssertChartDrawnFromTableAsync(staff, canvas, table);
        }
        // The map is its own resource (ADR 0826): the browser loaded and decoded it (an SVG it could not read has no size).
        await Assertions.Expect(staff.Locator("figure#carte-staff img")).ToBeVisibleAsync();
        await staff.WaitForFunctionAsync("() => { const i = document.querySelector('figure#carte-staff img'); return i.complete && i.naturalWidth > 0; }");

        var visitor = await app.NewPageAsync();
        visitor.SetDefaultTimeout(90_000);
        visitor.SetDefaultNavigationTimeout(90_000);
        await visitor.GotoAsync("/");
        await visitor.Locator("#public-figures-link a").ClickAsync();
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Les chiffres du programme");
        await AssertChartDrawnFromTableAsync(visitor, "chart-public-waves", "public-waves");
        await Assertions.Expect(visitor.Locator("figure#carte-publique svg")).ToBeVisibleAsync();
    }

    private static async Task AssertChartDrawnFromTableAsync(IPage page, string canvas, string table)
    {
        await Assertions.Expect(page.Locator($"canvas#{canvas}[data-chart-ready='true']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"table#{table}")).ToBeAttachedAsync();
        var size = await page.Locator($"canvas#{canvas}").EvaluateAsync<int[]>("c => [c.width, c.height]");
        Assert.True(size[0] > 0 && size[1] > 0, $"{canvas}: {size[0]}×{size[1]}");
        // What Chart.js holds is what the table says, column by column.
        var drawn = await page.EvaluateAsync<string>(
            "id => JSON.stringify(Chart.getChart(id).data.datasets.map(d => d.data))", canvas);
        var fromTable = await page.EvaluateAsync<string>(
            """
            ([id, tableId]) => {
                const figures = document.getElementById(id).dataset.chartFigures.split(',');
                const rows = [...document.querySelectorAll('#' + tableId + ' tbody tr')];
                return JSON.stringify(figures.map(f => rows.map(r => Number(r.querySelector('[data-figure="' + f + '"]').dataset.value))));
            }
            """, new[] { canvas, table });
        Assert.Equal(fromTable, drawn);
        Assert.NotEqual("[]", drawn);
    }
}
