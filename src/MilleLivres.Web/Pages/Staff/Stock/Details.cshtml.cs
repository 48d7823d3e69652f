using MilleLivres.Core.Domain;
using MilleLivres.Core.Data;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Stock;

/// <summary>A title and its stock card: every movement, newest first, with who and why.</summary>
public class DetailsModel(AppDbContext db) : PageModel
{
    public const int MovementsPerPage = 100;

    public sealed record TitleView(int Id, string Isbn, string Name, string Authors, string Publisher, string AgeBand, Genre Genre, string Language, int OnHand, int Reserved, int Available);

    public sealed record MovementView(DateTime AtUtc, DateOnly OccurredOn, StockMovementKind Kind, int Quantity, string ActorName, string Reason, string? Reference, string? Donor, string? Wave, string? Town);

    public TitleView Title { get; private set; } = null!;
    public IReadOnlyList<MovementView> Movements { get; private set; } = [];
    public int MovementCount { get; private set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (MovementCount + MovementsPerPage - 1) / MovementsPerPage);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var title = await db.Titles.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TitleView(t.Id, t.Isbn, t.Name, t.Authors, t.Publisher, AgeBand.LabelOf(t.AgeBand.MinAge, t.AgeBand.MaxAge, t.AgeBand.Name),
                t.Genre, t.Language, t.OnHand, t.Reserved, t.Available))
            .SingleOrDefaultAsync(ct);
        if (title is null)
        {
            return NotFound();
        }
        Title = title;
        MovementCount = await db.StockMovements.CountAsync(m => m.TitleId == id, ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Movements = await db.StockMovements.AsNoTracking()
            .Where(m => m.TitleId == id)
            .OrderByDescending(m => m.Id)
            .Skip((PageNumber - 1) * MovementsPerPage)
            .Take(MovementsPerPage)
            .Select(m => new MovementView(m.AtUtc, m.OccurredOn, m.Kind, m.Quantity, m.ActorName, m.Reason, m.Reference, m.Donor,
                db.Waves.Where(w => w.Id == m.WaveId).Select(w => w.Name).FirstOrDefault(),
                db.Towns.Where(t => t.Id == m.TownId).Select(t => t.Name).FirstOrDefault()))
            .ToListAsync(ct);
        return Page();
    }
}
