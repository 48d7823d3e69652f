using MilleLivres.Core.Data;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Staff.Stock;

public class SummaryModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<AgeBandStock> Bands { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Bands = await StockSummary.ByAgeBandAsync(db, ct);
}
