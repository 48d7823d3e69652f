using MilleLivres.Core.Domain;
using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Packing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>
/// The page a carton's QR code opens ({PublicBaseUrl}/Coordinator/Receipt/{code}): the carton and its content, for a
/// coordinator of the carton's town only (any other carton, or an unknown code, is 404). Confirming receipt comes later.
/// </summary>
public class ReceiptModel(AppDbContext db) : PageModel
{
    public CartonView Carton { get; private set; } = null!;

    public sealed record CartonView(string Code, int Number, int Count, string TownName, string WaveName, IReadOnlyList<LineView> Lines)
    {
        public int Books => Lines.Sum(l => l.Quantity);
    }

    public sealed record LineView(string Isbn, string Title, string Authors, string AgeBand, int AgeBandOrder, int Quantity);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!CartonCode.IsValid(code))
        {
            return NotFound();
        }
        var normalized = CartonCode.Normalize(code);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var carton = await db.Cartons.AsNoTracking()
            .Where(c => c.Code == normalized && db.TownIdsCoordinatedBy(userId).Contains(c.TownId)
                && db.WaveIdsWithConfirmedAllocation().Contains(c.WaveId))
            .Select(c => new
            {
                c.Id,
                c.Number,
                c.Count,
                c.Code,
                Town = db.Towns.Where(t => t.Id == c.TownId).Select(t => t.Name).First(),
                Wave = db.Waves.Where(w => w.Id == c.WaveId).Select(w => w.Name).First(),
            })
            .FirstOrDefaultAsync(ct);
        if (carton is null)
        {
            return NotFound();
        }
        var lines = await (
                from l in db.CartonLines.AsNoTracking()
                where l.CartonId == carton.Id
                join t in db.Titles on l.TitleId equals t.Id
                join b in db.AgeBands on l.AgeBandId equals b.Id
                select new { t.Isbn, t.Name, t.Authors, BandName = b.Name, b.MinAge, b.MaxAge, b.SortOrder, l.Quantity })
            .ToListAsync(ct);
        Carton = new CartonView(carton.Code, carton.Number, carton.Count, carton.Town, carton.Wave, lines
            .Select(l => new LineView(l.Isbn, l.Name, l.Authors, AgeBand.LabelOf(l.MinAge, l.MaxAge, l.BandName), l.SortOrder, l.Quantity))
            .OrderBy(l => l.AgeBandOrder).ThenBy(l => l.Title, StringComparer.CurrentCulture)
            .ToList());
        return Page();
    }
}
