using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>Editing one distribution row while the town's distribution is open. Another town's row is 404.</summary>
public class DistributionRowModel(AppDbContext db, Distributions distributions) : PageModel
{
    public string TownName { get; private set; } = string.Empty;
    public string WaveName { get; private set; } = string.Empty;
    public IReadOnlyList<SelectListItem> Bands { get; private set; } = [];

    [BindProperty]
    public DistributionPage.RowForm Input { get; set; } = new();

    private DistributionUser CurrentUser => new(User.FindFirstValue(ClaimTypes.NameIdentifier), IsStaff: false);

    public async Task<IActionResult> OnGetAsync(int waveId, int townId, int rowId, CancellationToken ct)
    {
        var row = await LoadAsync(waveId, townId, rowId, ct);
        if (row is null)
        {
            return NotFound();
        }
        Input = new DistributionPage.RowForm
        {
            Date = row.Date, PlaceKind = row.PlaceKind, PlaceName = row.PlaceName, AgeBandId = row.AgeBandId,
            ChildrenReached = row.ChildrenReached, BooksHandedOut = row.BooksHandedOut, Comment = row.Comment,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int waveId, int townId, int rowId, CancellationToken ct)
    {
        if (await LoadAsync(waveId, townId, rowId, ct) is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            try
            {
                TempData["Success"] = await distributions.UpdateRowAsync(CurrentUser, waveId, townId, rowId, Input.ToInput(), ct)
                    ? "La ligne a été modifiée."
                    : "Rien n'a changé.";
                return RedirectToPage("/Coordinator/Distributions", new { waveId, townId });
            }
            catch (DistributionNotFoundException)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError(e);
            }
        }
        return Page();
    }

    private async Task<DistributionRow?> LoadAsync(int waveId, int townId, int rowId, CancellationToken ct)
    {
        if (!await distributions.CanSeeAsync(CurrentUser, waveId, townId, ct))
        {
            return null;
        }
        var report = await distributions.ReportAsync(CurrentUser, waveId, townId, ct);
        var row = report?.Rows.FirstOrDefault(r => r.Id == rowId);
        if (row is null)
        {
            return null;
        }
        TownName = await db.Towns.AsNoTracking().Where(t => t.Id == townId).Select(t => t.Name).SingleAsync(ct);
        WaveName = await db.Waves.AsNoTracking().Where(w => w.Id == waveId).Select(w => w.Name).SingleAsync(ct);
        Bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder)
            .Select(b => new SelectListItem($"{b.MinAge}-{b.MaxAge} ans ({b.Name})", b.Id.ToString())).ToListAsync(ct);
        return row;
    }
}
