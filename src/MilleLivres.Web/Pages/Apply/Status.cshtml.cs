using MilleLivres.Core.Domain;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Apply;

/// <summary>The applicant's private page: whoever holds the link sees this one application, nothing else.</summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class StatusModel(ApplicationIntake intake, AppDbContext db) : PageModel
{
    public ApplicationView Application { get; private set; } = null!;

    public sealed record ApplicationView(
        string TownName, string CiteEducativeName, DateTime SubmittedAtUtc, ApplicationStatus Status,
        int? WaveNumber, string? WaveName, string? DecisionReason, IReadOnlyList<(string Band, int Children)> Children);

    public async Task<IActionResult> OnGetAsync(string token)
    {
        // A private page: not for search engines. (The site-wide Referrer-Policy already keeps the token from other sites.)
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        var id = await intake.FindByStatusTokenAsync(token);
        if (id is null)
        {
            return NotFound();
        }
        var a = await db.TownApplications.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.TownName,
                x.CiteEducativeName,
                x.SubmittedAtUtc,
                x.Status,
                WaveNumber = x.Wave == null ? (int?)null : x.Wave.Number,
                WaveName = x.Wave == null ? null : x.Wave.Name,
                x.DecisionReason,
                Children = x.Children.OrderBy(c => c.AgeBand.SortOrder)
                    .Select(c => new { c.AgeBand.MinAge, c.AgeBand.MaxAge, c.AgeBand.Name, c.Children }).ToList(),
            })
            .SingleAsync();
        Application = new ApplicationView(a.TownName, a.CiteEducativeName, a.SubmittedAtUtc, a.Status, a.WaveNumber, a.WaveName,
            // A refusal's or a waiting list's reason is for the applicant (that is why it is required); an acceptance's is a staff note.
            a.Status is ApplicationStatus.Declined or ApplicationStatus.Waitlisted ? a.DecisionReason : null,
            a.Children.Select(c => (AgeBand.LabelOf(c.MinAge, c.MaxAge, c.Name), c.Children)).ToList());
        return Page();
    }
}
