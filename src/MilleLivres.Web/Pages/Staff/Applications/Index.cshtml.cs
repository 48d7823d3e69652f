using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Applications;

public class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ApplicationStatus? Status { get; set; }

    /// <summary>"oui" or "non": what the applicant claims about Ville &amp; Banlieue membership.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Member { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? WaveId { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<ApplicationStatus, int> CountsByStatus { get; private set; } = new Dictionary<ApplicationStatus, int>();
    public int Total { get; private set; }
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Waves { get; private set; } = [];

    public sealed record Row(int Id, DateTime SubmittedAtUtc, string TownName, string InseeCode, string Region, bool ClaimsMember,
        bool OnMemberList, ApplicationStatus Status, int? WaveNumber)
    {
        public bool MembershipDisagrees => ClaimsMember != OnMemberList;
    }

    public async Task OnGetAsync()
    {
        var counts = await db.TownApplications.AsNoTracking().GroupBy(a => a.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        CountsByStatus = counts.ToDictionary(c => c.Key, c => c.Count);
        Total = counts.Sum(c => c.Count);
        var known = await db.TownApplications.AsNoTracking().Select(a => a.Region).Distinct().ToListAsync();
        Regions = known.Order(StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), true)).ToList();
        Waves = (await db.Waves.AsNoTracking().OrderBy(w => w.Number).Select(w => new { w.Id, w.Name }).ToListAsync())
            .Select(w => (w.Id, w.Name)).ToList();

        var query = db.TownApplications.AsNoTracking().AsQueryable();
        if (Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }
        if (Member is "oui" or "non")
        {
            var claims = Member == "oui";
            query = query.Where(a => a.ClaimsVilleBanlieueMembership == claims);
        }
        if (!string.IsNullOrEmpty(Region))
        {
            query = query.Where(a => a.Region == Region);
        }
        if (WaveId is { } waveId)
        {
            query = query.Where(a => a.WaveId == waveId);
        }
        Rows = await query.OrderByDescending(a => a.SubmittedAtUtc).ThenByDescending(a => a.Id)
            .Select(a => new Row(a.Id, a.SubmittedAtUtc, a.TownName, a.InseeCode, a.Region, a.ClaimsVilleBanlieueMembership,
                db.VilleBanlieueMembers.Any(m => m.InseeCode == a.InseeCode), a.Status, a.Wave == null ? null : a.Wave.Number))
            .ToListAsync();
    }
}
