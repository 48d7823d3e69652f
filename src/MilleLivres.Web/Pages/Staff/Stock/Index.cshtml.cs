using MilleLivres.Core.Data;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Pages.Staff.Stock;

public class IndexModel(AppDbContext db, IOptions<StockOptions> options, StockExporter exporter, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Band { get; set; }

    [BindProperty(SupportsGet = true)]
    public Genre? Genre { get; set; }

    [BindProperty(SupportsGet = true)]
    public StockSort Sort { get; set; } = StockSort.Name;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public StockListPage Result { get; private set; } = new([], 0, 1, 1);
    public IReadOnlyList<(int Id, string Label)> Bands { get; private set; } = [];

    public static IReadOnlyList<(StockSort Sort, string Label)> SortChoices { get; } =
    [
        (StockSort.Name, "titre"),
        (StockSort.Authors, "auteur"),
        (StockSort.Publisher, "éditeur"),
        (StockSort.Isbn, "ISBN"),
        (StockSort.AvailableDescending, "disponibles (décroissant)"),
        (StockSort.OnHandDescending, "en stock (décroissant)"),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ToListAsync(ct);
        Bands = bands.Select(b => (b.Id, b.Label)).ToList();
        Result = await StockList.QueryAsync(db, new StockListQuery(Q, Band, Genre, Sort, PageNumber), options.Value.PageSize, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await exporter.WriteCsvAsync(buffer, ct);
        buffer.Position = 0;
        return File(buffer, "text/csv; charset=utf-8", $"stock-{Today():yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await exporter.WriteXlsxAsync(buffer, ct);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"stock-{Today():yyyy-MM-dd}.xlsx");
    }

    public Dictionary<string, string?> RouteFor(int page, StockSort? sort = null) => new()
    {
        ["Q"] = Q,
        ["Band"] = Band?.ToString(),
        ["Genre"] = Genre?.ToString(),
        ["Sort"] = (sort ?? Sort).ToString(),
        ["p"] = page.ToString(),
    };

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
