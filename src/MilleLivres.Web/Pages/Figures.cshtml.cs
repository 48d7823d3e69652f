using MilleLivres.Core.Reporting;
using MilleLivres.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages;

/// <summary>The public figures (issue 16, ADR 0821): aggregates, the map and moderated testimonials, from a short cache.</summary>
[AllowAnonymous]
public class FiguresModel(PublicFiguresCache cache, FranceMap map) : PageModel
{
    public PublicFigures.Summary Figures { get; private set; } = null!;
    public FranceMap Map => map;

    public async Task OnGetAsync(CancellationToken ct) => Figures = await cache.GetAsync(ct);
}
