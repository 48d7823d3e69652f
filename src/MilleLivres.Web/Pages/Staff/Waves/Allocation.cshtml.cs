using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Waves;

/// <summary>One town's confirmed allocation: change a quantity, swap a title, remove a line. The ledger follows.</summary>
public class AllocationModel(AppDbContext db, WavePlanning planning) : PageModel
{
    public int WaveId { get; private set; }
    public string WaveName { get; private set; } = string.Empty;
    public WaveStatus Status { get; private set; }
    public int TownId { get; private set; }
    public string TownName { get; private set; } = string.Empty;
    public IReadOnlyList<LineRow> Lines { get; private set; } = [];

    /// <summary>Lines per page: a town has about a thousand, each with its edit forms (ADR 0523).</summary>
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (Lines.Count + PageSize - 1) / PageSize);

    /// <summary>The lines shown on this page, in band then title order.</summary>
    public IReadOnlyList<LineRow> PageLines => Lines.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();

    /// <summary>Titles that can replace a line, per band id.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<SelectListItem>> Replacements { get; private set; } = new Dictionary<int, IReadOnlyList<SelectListItem>>();

    /// <summary>The wave's rule (<see cref="Wave.AllocationEditable"/>): reserved and not packed yet.</summary>
    public bool Editable { get; private set; }

    [BindProperty]
    public EditInput Input { get; set; } = new();

    public sealed record LineRow(int Id, string Title, string Isbn, int AgeBandId, string Band, bool FromNeighbour, int Quantity, bool Wished, int Available);

    public sealed class EditInput
    {
        public int LineId { get; set; }

        [Display(Name = "Quantité")]
        [Range(1, 1000, ErrorMessage = "La quantité doit être un nombre entier entre 1 et 1000.")]
        public int Quantity { get; set; }

        [Display(Name = "Remplacer par")]
        public int? TitleId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, int townId) => await LoadAsync(id, townId) ? Page() : NotFound();

    public Task<IActionResult> OnPostQuantityAsync(int id, int townId) =>
        EditAsync(id, townId, ModelState.IsValid, () => planning.ChangeQuantityAsync(id, townId, Input.LineId, Input.Quantity), "Quantité modifiée.");

    public Task<IActionResult> OnPostSwapAsync(int id, int townId)
    {
        ModelState.Remove("Input.Quantity");
        if (Input.TitleId is null)
        {
            ModelState.AddModelError("Input.TitleId", "Choisissez le titre de remplacement.");
        }
        return EditAsync(id, townId, ModelState.IsValid, () => planning.SwapTitleAsync(id, townId, Input.LineId, Input.TitleId!.Value), "Titre remplacé.");
    }

    public Task<IActionResult> OnPostRemoveAsync(int id, int townId)
    {
        ModelState.Remove("Input.Quantity");
        return EditAsync(id, townId, true, () => planning.RemoveLineAsync(id, townId, Input.LineId), "Titre retiré de la dotation.");
    }

    private async Task<IActionResult> EditAsync(int id, int townId, bool valid, Func<Task> edit, string success)
    {
        if (!await db.WaveTowns.AnyAsync(wt => wt.WaveId == id && wt.TownId == townId))
        {
            return NotFound();
        }
        if (valid)
        {
            try
            {
                await edit();
                TempData["Success"] = success;
                return RedirectToPage(new { id, townId, p = PageNumber });
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError(e);
            }
        }
        await LoadAsync(id, townId);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, int townId)
    {
        var header = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == id && wt.TownId == townId)
            .Select(wt => new { wt.WaveId, WaveName = wt.Wave.Name, wt.Wave.Status, Wave = wt.Wave, wt.TownId, TownName = wt.Town.Name })
            .SingleOrDefaultAsync();
        if (header is null)
        {
            return false;
        }
        (WaveId, WaveName, Status, TownId, TownName) = (header.WaveId, header.WaveName, header.Status, header.TownId, header.TownName);
        Editable = header.Wave.AllocationEditable;
        Lines = (await db.AllocationLines.AsNoTracking().Where(l => l.WaveId == id && l.TownId == townId)
                .Select(l => new
                {
                    l.Id, l.Title.Name, l.Title.Isbn, l.AgeBandId, l.AgeBand.SortOrder, BandName = l.AgeBand.Name, l.AgeBand.MinAge, l.AgeBand.MaxAge,
                    FromNeighbour = l.SourceAgeBandId != l.AgeBandId, l.Quantity, l.Wished, l.Title.Available,
                })
                .ToListAsync())
            .OrderBy(l => l.SortOrder).ThenBy(l => l.Name)
            .Select(l => new LineRow(l.Id, l.Name, l.Isbn, l.AgeBandId, AgeBand.LabelOf(l.MinAge, l.MaxAge, l.BandName), l.FromNeighbour, l.Quantity, l.Wished, l.Available))
            .ToList();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        if (Editable)
        {
            var takenTitles = await db.AllocationLines.AsNoTracking().Where(l => l.WaveId == id && l.TownId == townId).Select(l => l.TitleId).ToListAsync();
            var bands = Lines.Select(l => l.AgeBandId).Distinct().ToList();
            var replacements = new Dictionary<int, IReadOnlyList<SelectListItem>>();
            foreach (var band in bands)
            {
                replacements[band] = await db.Titles.AsNoTracking()
                    .Where(t => t.AgeBandId == band && t.Available > 0 && !takenTitles.Contains(t.Id))
                    .OrderBy(t => t.Name).Take(200)
                    .Select(t => new SelectListItem($"{t.Name} ({t.Available} disponible(s))", t.Id.ToString()))
                    .ToListAsync();
            }
            Replacements = replacements;
        }
        return true;
    }
}
