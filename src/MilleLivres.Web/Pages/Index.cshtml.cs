using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages;

[AllowAnonymous]
public class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<WaveView> Waves { get; private set; } = [];

    public sealed record WaveView(int Number, string Name, WaveStatus Status, IReadOnlyList<TownView> Towns);

    public sealed record TownView(string Name, string Departement, bool IsVilleBanlieueMember);

    public async Task OnGetAsync()
    {
        var waves = await db.Waves.AsNoTracking()
            .OrderBy(w => w.Number)
            .Select(w => new
            {
                w.Number,
                w.Name,
                w.Status,
                Towns = w.Towns.Select(t => new TownView(t.Town.Name, t.Town.Departement, t.Town.IsVilleBanlieueMember)).ToList(),
            })
            .ToListAsync();
        Waves = waves.Select(w => new WaveView(w.Number, w.Name, w.Status, w.Towns.OrderBy(t => t.Name, StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), true)).ToList())).ToList();
    }
}
