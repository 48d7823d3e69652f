using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Waves;

public class DetailsModel(AppDbContext db, Core.Distribution.DistributionProgress progress) : PageModel
{
    /// <summary>The wave's distribution progress, once books are allocated; null before.</summary>
    public Core.Distribution.DistributionProgress.Progress? Progress { get; private set; }

    public Wave Wave { get; private set; } = null!;
    public IReadOnlyList<TownRow> Towns { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CandidateTowns { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

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
        var wave = await db.Waves.Include(w => w.Towns).SingleOrDefaultAsync(w => w.Id == id);
        if (wave is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            var town = await db.Towns.FindAsync(Input.TownId);
            if (town is null)
            {
                ModelState.AddModelError("Input.TownId", "Cette ville n'existe pas.");
            }
            else
            {
                var otherOpenWave = await db.Waves
                    .Where(w => w.Id != id && w.Status != WaveStatus.Closed && w.Towns.Any(t => t.TownId == town.Id))
                    .FirstOrDefaultAsync();
                try
                {
                    wave.AddTown(town, otherOpenWave);
                    await db.SaveChangesAsync();
                    TempData["Success"] = $"{town.Name} a été ajoutée à la vague {wave.Number}.";
                    return RedirectToPage(new { id });
                }
                catch (DomainException e)
                {
                    ModelState.AddDomainError(e);
                }
            }
        }
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveTownAsync(int id, int townId)
    {
        var wave = await db.Waves.Include(w => w.Towns).ThenInclude(t => t.Town).SingleOrDefaultAsync(w => w.Id == id);
        if (wave is null)
        {
            return NotFound();
        }
        var town = wave.Towns.SingleOrDefault(t => t.TownId == townId)?.Town;
        try
        {
            wave.RemoveTown(townId);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            await LoadAsync(id);
            return Page();
        }
        if (town is not null && town.Status == TownStatus.Selected
            && !await db.WaveTowns.AnyAsync(w => w.TownId == townId && w.WaveId != id))
        {
            town.SetStatus(TownStatus.Candidate);
        }
        await db.SaveChangesAsync();
        TempData["Success"] = $"{town?.Name} a été retirée de la vague {wave.Number}.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id);
        if (wave is null)
        {
            return false;
        }
        Wave = wave;
        Towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == id)
            .OrderBy(t => t.Town.Name)
            .Select(t => new TownRow(t.TownId, t.Town.Name, t.Town.InseeCode, t.Town.Departement, t.Town.IsVilleBanlieueMember, t.DistributionStartedOn))
            .ToListAsync();
        if (wave.Status == WaveStatus.Planning)
        {
            CandidateTowns = await db.Towns.AsNoTracking()
                .Where(t => t.Status != TownStatus.Withdrawn && !db.WaveTowns.Any(w => w.WaveId == id && w.TownId == t.Id))
                .OrderBy(t => t.Name)
                .Select(t => new SelectListItem($"{t.Name} ({t.InseeCode})", t.Id.ToString()))
                .ToListAsync();
        }
        Progress = await db.AllocationLines.AnyAsync(l => l.WaveId == id) ? await progress.ForWaveAsync(id) : null;
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inWave = $"%\"WaveId\":{key},%";
        var inWaveLast = $"%\"WaveId\":{key}}}%";
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(Core.Domain.Wave) && a.EntityId == key)
                || (a.EntityType == nameof(WaveTown) && (EF.Functions.Like(a.Changes, inWave) || EF.Functions.Like(a.Changes, inWaveLast))))
            .OrderByDescending(a => a.Id)
            .Take(50)
            .ToListAsync();
        return true;
    }
}
