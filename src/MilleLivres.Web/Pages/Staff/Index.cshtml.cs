using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff;

public class IndexModel(AppDbContext db, MilleLivres.Core.Mail.MailOutbox outbox) : PageModel
{
    public int TownCount { get; private set; }
    public int WaveCount { get; private set; }
    public int FailedMails { get; private set; }
    public IReadOnlyList<(int Id, int Number, string Name, WaveStatus Status, int Towns)> OpenWaves { get; private set; } = [];

    public async Task OnGetAsync()
    {
        TownCount = await db.Towns.CountAsync();
        WaveCount = await db.Waves.CountAsync();
        FailedMails = await outbox.FailedCountAsync();
        var open = await db.Waves.AsNoTracking()
            .Where(w => w.Status != WaveStatus.Closed)
            .OrderBy(w => w.Number)
            .Select(w => new { w.Id, w.Number, w.Name, w.Status, Towns = w.Towns.Count })
            .ToListAsync();
        OpenWaves = open.Select(w => (w.Id, w.Number, w.Name, w.Status, w.Towns)).ToList();
    }
}
