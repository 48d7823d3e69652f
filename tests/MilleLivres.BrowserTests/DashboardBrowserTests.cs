using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
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

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(result.Passes.Length > 5, $"axe checked only {result.Passes.Length} rules");
        var problems = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            problems.Append(violation.Id).Append(": ").AppendJoin(" | ", violation.Nodes.Take(3).Select(n => n.Html)).AppendLine();
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }
}
