using MilleLivres.Core.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages;

/// <summary>
/// The map of the départements served, as its own resource (ADR 0826). Public: the public figures page shows the same
/// aggregate (towns are public, no personal data). Asked with the hash of the current picture (<c>?v=</c>, as the pages
/// link it) it may be kept a year: another picture gets another URL. Asked without it, or with an old hash, it answers
/// the current picture and asks to be checked again (its ETag lets the check be a 304).
/// </summary>
[AllowAnonymous]
public class CarteModel(ServedMap served) : PageModel
{
    public const string Immutable = "public, max-age=31536000, immutable";

    public async Task<IActionResult> OnGetAsync(string? v, CancellationToken ct)
    {
        var picture = await served.CurrentAsync(ct);
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{picture.Hash}\"");
        Response.Headers.CacheControl = string.Equals(v, picture.Hash, StringComparison.Ordinal) ? Immutable : "no-cache";
        return new FileContentResult(picture.Svg, "image/svg+xml") { EntityTag = etag };
    }
}
