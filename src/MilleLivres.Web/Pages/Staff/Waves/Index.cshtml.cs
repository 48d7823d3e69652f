using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Waves;

public class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Row> Waves { get; private set; } = [];

    public sealed record Row(int Id, int Number, string Name, WaveStatus Status, DateOnly? PlannedDeliveryOn, DateOnly? ActualDeliveryOn, int Towns);

    public async Task OnGetAsync() =>
        Waves = await db.Waves.AsNoTracking().OrderByDescending(w => w.Number)
            .Select(w => new Row(w.Id, w.Number, w.Name, w.Status, w.PlannedDeliveryOn, w.ActualDeliveryOn, w.Towns.Count))
            .ToListAsync();
}
