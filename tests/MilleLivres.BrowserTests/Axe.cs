using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MilleLivres.BrowserTests;

/// <summary>
/// One way to check a page with axe-core for WCAG 2.1 A and AA (issue 10), shared by every browser test.
/// </summary>
/// <remarks>
/// It runs axe in the page itself (<c>RunAxeLegacy</c>): the default <c>RunAxe</c> opens a second browser page for
/// every check to merge the results of each frame, which cost about a second of CPU per check and most of the browser
/// suite's time. The two give the same results on a page without frames, and this helper fails on a page that has
/// one, so a page with an iframe cannot be checked short. Only violations carry all their nodes
/// (<c>resultTypes</c>): the passed rules are still listed, one node each, which is all the tests read of them.
/// </remarks>
public static class Axe
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>The page's WCAG A and AA violations, one line each (empty when there is none).</summary>
    public static async Task<string> ViolationsAsync(IPage page, string what)
    {
        Assert.True(await page.Locator("iframe, frame").CountAsync() == 0, $"{what}: a page with a frame needs axe's frame-by-frame run");
#pragma warning disable CS0618 // "Legacy mode": chosen on purpose, see the remarks.
        var result = await page.Locator("html").RunAxeLegacy(WcagAa);
#pragma warning restore CS0618
        // Proof that axe ran its WCAG rules on a real page (an empty result would also have no violations).
        Assert.True(result.Passes.Length > 5, $"{what}: axe checked only {result.Passes.Length} rules");
        var text = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            text.Append(what).Append(": ").Append(violation.Id).Append(" (").Append(violation.Impact).Append(") ")
                .Append(string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html))).AppendLine();
        }
        return text.ToString();
    }
}
