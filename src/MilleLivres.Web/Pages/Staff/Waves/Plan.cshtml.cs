using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MilleLivres.Core.Options;

namespace MilleLivres.Web.Pages.Staff.Waves;

/// <summary>Plans a wave: preview of the allocation, fills from neighbouring bands, confirmation, undo.</summary>
public class PlanModel(AppDbContext db, WavePlanning planning, IOptions<AllocationOptions> options) : PageModel
{
    public int Cap => options.Value.MaxCopiesPerTitle;

    public int WaveId { get; private set; }
    public int WaveNumber { get; private set; }
    public string WaveName { get; private set; } = string.Empty;
    public WaveStatus Status { get; private set; }

    /// <summary>The wave's rule (<see cref="Wave.AllocationEditable"/>): the allocation can be edited or undone.</summary>
    public bool AllocationEditable { get; private set; }

    /// <summary>What the allocation would be (wave in planning).</summary>
    public PlanPreview? Preview { get; private set; }

    /// <summary>The confirmed allocation (wave allocated or later).</summary>
    public IReadOnlyList<PlanBand> Bands { get; private set; } = [];
    public IReadOnlyList<ConfirmedTown> Confirmed { get; private set; } = [];

    /// <summary>
    /// Band id → the neighbouring band staff chose to fill its shortfall from, read from the <c>Fill[bandId]</c> fields
    /// of the query (preview) or the form (confirm). Read by hand: a dictionary bound by MVC with no such field falls
    /// back to binding every form field as a key.
    /// </summary>
    public Dictionary<int, int?> Fill { get; private set; } = [];

    private void ReadFills(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields) =>
        ReadFills(fields, Fill);

    internal static void ReadFills(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields, Dictionary<int, int?> fill)
    {
        foreach (var (key, value) in fields)
        {
            if (key.StartsWith("Fill[", StringComparison.Ordinal) && key.EndsWith(']')
                && int.TryParse(key.AsSpan(5, key.Length - 6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var band))
            {
                fill[band] = int.TryParse(value.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var from) ? from : null;
            }
        }
    }

    /// <summary>The chosen fills as a query string, carried to each town's page of the preview.</summary>
    public string FillQuery => FillQueryOf(Fills);

    internal static string FillQueryOf(IEnumerable<BandFill> fills)
    {
        var parts = fills.Select(f => $"{Uri.EscapeDataString($"Fill[{f.BandId}]")}={f.FromBandId}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    [BindProperty]
    public ConfirmInput Input { get; set; } = new();

    public sealed class ConfirmInput
    {
        [Display(Name = "J'accepte le manque : confirmer en donnant moins de livres que l'objectif")]
        public bool AcceptShortfall { get; set; }
    }

    public sealed record ConfirmedCell(int BandId, int Target, int Allocated)
    {
        public int Shortfall => Math.Max(0, Target - Allocated);
    }

    public sealed record ConfirmedTown(int TownId, string Name, IReadOnlyList<ConfirmedCell> Cells, int Lines)
    {
        public int Allocated => Cells.Sum(c => c.Allocated);
        public int Target => Cells.Sum(c => c.Target);
    }

    public IReadOnlyList<BandFill> Fills => Bands
        .Where(b => Fill.TryGetValue(b.Id, out var from) && from is not null)
        .Select(b => new BandFill(b.Id, Fill[b.Id]!.Value))
        .ToList();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        ReadFills(Request.Query);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == id))
        {
            return NotFound();
        }
        Bands = await planning.BandsAsync();
        ReadFills(Request.Form);
        try
        {
            var result = await planning.ConfirmAsync(id, Fills, Input.AcceptShortfall);
            TempData["Success"] = $"Dotation confirmée : {result.Towns.Sum(t => t.Allocated)} livre(s) réservé(s) pour {result.Towns.Count} ville(s).";
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
        }
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostUndoAsync(int id)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == id))
        {
            return NotFound();
        }
        try
        {
            var undone = await planning.UndoAsync(id);
            TempData["Success"] = "Dotation annulée : les livres réservés sont de nouveau disponibles et la vague est revenue en préparation."
                + (undone.CartonsRemoved + undone.SlipsRemoved > 0
                    ? $" Les {undone.CartonsRemoved} carton(s) et {undone.SlipsRemoved} bordereau(x) faits pour cette dotation ont été supprimés."
                    : "");
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id);
        if (wave is null)
        {
            return false;
        }
        (WaveId, WaveNumber, WaveName, Status) = (wave.Id, wave.Number, wave.Name, wave.Status);
        AllocationEditable = wave.AllocationEditable;
        Bands = await planning.BandsAsync();
        if (wave.IsPlanning)
        {
            try
            {
                Preview = await planning.PreviewAsync(id, Fills);
            }
            catch (DomainException e)
            {
                // An impossible fill (not a neighbour): show why, and the preview without fills.
                ModelState.AddModelError(string.Empty, e.Message);
                Fill.Clear();
                Preview = await planning.PreviewAsync(id, []);
            }
            return true;
        }

        var request = await planning.BuildRequestAsync(id, []);
        var allocated = await db.AllocationLines.AsNoTracking().Where(l => l.WaveId == id)
            .GroupBy(l => new { l.TownId, l.AgeBandId })
            .Select(g => new { g.Key.TownId, g.Key.AgeBandId, Copies = g.Sum(l => l.Quantity), Lines = g.Count() })
            .ToListAsync();
        var names = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == id)
            .Select(wt => new { wt.TownId, wt.Town.Name }).ToListAsync();
        Confirmed = names.OrderBy(n => n.Name)
            .Select(n =>
            {
                var town = request.Towns.Single(t => t.TownId == n.TownId);
                var cells = Bands.Select(b => new ConfirmedCell(b.Id, town.TargetFor(b.Id),
                    allocated.Where(a => a.TownId == n.TownId && a.AgeBandId == b.Id).Sum(a => a.Copies))).ToList();
                return new ConfirmedTown(n.TownId, n.Name, cells, allocated.Where(a => a.TownId == n.TownId).Sum(a => a.Lines));
            })
            .ToList();
        return true;
    }
}
