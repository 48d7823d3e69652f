using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Waves;

/// <summary>
/// One town's titles in the preview of a wave's allocation, with the fills chosen on the preview: a large wave's preview
/// shows only the towns × bands table and links here. Writes nothing.
/// </summary>
public class PlanTownModel(AppDbContext db, WavePlanning planning) : PageModel
{
    public int WaveId { get; private set; }
    public string WaveName { get; private set; } = string.Empty;
    public string TownName { get; private set; } = string.Empty;
    public PlanPreview Preview { get; private set; } = null!;
    public TownAllocation Town { get; private set; } = null!;
    public string FillQuery { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id, int townId)
    {
        var wave = await db.Waves.AsNoTracking().Where(w => w.Id == id)
            .Select(w => new { w.Id, w.Name, w.Status }).SingleOrDefaultAsync();
        var town = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == id && wt.TownId == townId)
            .Select(wt => wt.Town.Name).SingleOrDefaultAsync();
        if (wave is null || town is null)
        {
            return NotFound();
        }
        if (wave.Status != WaveStatus.Planning)
        {
            // Confirmed: the town's lines are on its allocation page.
            return RedirectToPage("Allocation", new { id, townId });
        }
        (WaveId, WaveName, TownName) = (wave.Id, wave.Name, town);
        var fill = new Dictionary<int, int?>();
        PlanModel.ReadFills(Request.Query, fill);
        var fills = fill.Where(f => f.Value is not null).Select(f => new BandFill(f.Key, f.Value!.Value)).ToList();
        try
        {
            Preview = await planning.PreviewAsync(id, fills, townId);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            fills = [];
            Preview = await planning.PreviewAsync(id, fills, townId);
        }
        FillQuery = PlanModel.FillQueryOf(fills);
        Town = Preview.Result.Town(townId);
        return Page();
    }
}
