using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Waves;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MilleLivres.Web.Pages.Staff.Waves;

public class DetailsModel(AppDbContext db, WaveTowns waveTowns, Core.Distribution.DistributionProgress progress, IMemoryCache cache) : PageModel
{
    /// <summary>The wave's distribution progress, once books are allocated; null before.</summary>
    public Core.Distribution.DistributionProgress.Progress? Progress { get; private set; }

    public Wave Wave { get; private set; } = null!;
    public IReadOnlyList<TownRow> Towns { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CandidateTowns { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    /// <summary>The state of the data the page shows (wave id and newest audit id): its fragments are rendered once per state.</summary>
    public string Version { get; private set; } = "";

    [BindProperty]
    public AddTownInput Input { get; set; } = new();

    public sealed record TownRow(int Id, string Name, string InseeCode, string Departement, bool IsMember, DateOnly? DistributionStartedOn);

    public sealed class AddTownInput
    {
        [Display(Name = "Ville à ajouter")]
        [Required(ErrorMessage = "Choisissez une ville.")]
        public int? TownId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddTownAsync(int id)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == id))
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            try
            {
                var name = await waveTowns.AddAsync(id, Input.TownId!.Value);
                var number = await db.Waves.Where(w => w.Id == id).Select(w => w.Number).SingleAsync();
                TempData["Success"] = $"{name} a été ajoutée à la vague {number}.";
                return RedirectToPage(new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError(e);
            }
        }
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveTownAsync(int id, int townId)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == id))
        {
            return NotFound();
        }
        try
        {
            var name = await waveTowns.RemoveAsync(id, townId);
            var number = await db.Waves.Where(w => w.Id == id).Select(w => w.Number).SingleAsync();
            TempData["Success"] = $"{name} a été retirée de la vague {number}.";
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            await LoadAsync(id);
            return Page();
        }
    }

    /// <summary>Everything the page reads from audited data (the wave, its towns, its progress, its history).</summary>
    private sealed record PageData(Wave Wave, IReadOnlyList<TownRow> Towns, IReadOnlyList<(string Text, string Value)> CandidateTowns,
        Core.Distribution.DistributionProgress.Progress? Progress, IReadOnlyList<AuditEntry> History);

    private async Task<bool> LoadAsync(int id)
    {
        // Every change this page shows is an audited entity saved with its audit row (the wave, wave towns, towns,
        // allocation actions, cartons, shipments, differences, distribution reports and rows): the newest audit id,
        // one primary-key lookup, names the state of the data, so the page's data is read once per state (ADR 0528).
        // Several instances each compare with the shared database's newest id: none serves a stale page.
        // One connection for the page's reads and its two sections' (they share this request's context).
        await db.Database.OpenConnectionAsync();
        var version = await db.NewestAuditIdAsync();
        var key = (nameof(DetailsModel), id, version);
        if (!cache.TryGetValue(key, out PageData? data) || data is null)
        {
            data = await ReadAsync(id);
            if (data is null)
            {
                return false;
            }
            cache.Set(key, data, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 });
        }
        Version = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}-{version}");
        Wave = data.Wave;
        Towns = data.Towns;
        CandidateTowns = data.CandidateTowns.Select(t => new SelectListItem(t.Text, t.Value)).ToList();
        Progress = data.Progress;
        History = data.History;
        return true;
    }

    private async Task<PageData?> ReadAsync(int id)
    {
        var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id);
        if (wave is null)
        {
            return null;
        }
        var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == id)
            .OrderBy(t => t.Town.Name)
            .Select(t => new TownRow(t.TownId, t.Town.Name, t.Town.InseeCode, t.Town.Departement, t.Town.IsVilleBanlieueMember, t.DistributionStartedOn))
            .ToListAsync();
        IReadOnlyList<(string, string)> candidates = [];
        if (wave.IsPlanning)
        {
            candidates = (await db.Towns.AsNoTracking()
                .Where(t => t.Status != TownStatus.Withdrawn && !db.WaveTowns.Any(w => w.WaveId == id && w.TownId == t.Id))
                .OrderBy(t => t.Name)
                .Select(t => new { t.Name, t.InseeCode, t.Id })
                .ToListAsync())
                .Select(t => ($"{t.Name} ({t.InseeCode})", t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
        }
        var waveProgress = await db.AllocationLines.AnyAsync(l => l.WaveId == id) ? await progress.ForWaveAsync(id) : null;
        // Every entry that belongs to the wave (its own changes, its towns, wishes, allocation actions, cartons):
        // an index lookup on (WaveId, Id), whatever the number of waves confirmed before.
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.WaveId == id)
            .OrderByDescending(a => a.Id)
            .Take(50)
            .ToListAsync();
        return new PageData(wave, towns, candidates, waveProgress, history);
    }
}
