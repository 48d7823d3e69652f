using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Towns;

public class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<Row> Towns { get; private set; } = [];

    public sealed record Row(int Id, string Name, string InseeCode, string Departement, string Region, bool IsMember, TownStatus Status, int? LastWave);

    public async Task OnGetAsync()
    {
        var towns = db.Towns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            // Case-insensitive for ASCII on SQLite; accents must be typed as stored.
            towns = towns.Where(t => EF.Functions.Like(t.Name, $"%{q}%") || t.InseeCode.StartsWith(q)
                || EF.Functions.Like(t.Departement, $"%{q}%") || EF.Functions.Like(t.Region, $"%{q}%"));
        }
        Towns = await towns
            .OrderBy(t => t.Name)
            .Select(t => new Row(t.Id, t.Name, t.InseeCode, t.Departement, t.Region, t.IsVilleBanlieueMember, t.Status,
                db.WaveTowns.Where(w => w.TownId == t.Id).Max(w => (int?)w.Wave.Number)))
            .ToListAsync();
    }
}
