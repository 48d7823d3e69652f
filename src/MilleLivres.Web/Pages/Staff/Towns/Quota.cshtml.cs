using MilleLivres.Core.Text;
using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Towns;

/// <summary>A town's quota of books and the children it expects per age band: what its targets are split from.</summary>
public class QuotaModel(AppDbContext db, WavePlanning planning) : PageModel
{
    public string TownName { get; private set; } = string.Empty;
    public IReadOnlyList<PlanBand> Bands { get; private set; } = [];

    /// <summary>Targets per band with the quota and children saved now.</summary>
    public IReadOnlyDictionary<int, int> Targets { get; private set; } = new Dictionary<int, int>();

    [BindProperty]
    public QuotaInput Input { get; set; } = new();

    public sealed class QuotaInput
    {
        [Display(Name = "Quota de livres")]
        [Required(ErrorMessage = "Indiquez le quota de livres.")]
        public int? Quota { get; set; }

        /// <summary>Band id → children expected (empty: none).</summary>
        public Dictionary<int, int?> Children { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var town = await db.Towns.AsNoTracking().Include(t => t.ExpectedChildren).SingleOrDefaultAsync(t => t.Id == id);
        if (town is null)
        {
            return NotFound();
        }
        Input = new QuotaInput
        {
            Quota = town.Quota,
            Children = town.ExpectedChildren.ToDictionary(c => c.AgeBandId, c => (int?)c.Children),
        };
        await LoadAsync(town);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var town = await db.Towns.Include(t => t.ExpectedChildren).SingleOrDefaultAsync(t => t.Id == id);
        if (town is null)
        {
            return NotFound();
        }
        Bands = await planning.BandsAsync();
        foreach (var (bandId, children) in Input.Children)
        {
            if (Bands.All(b => b.Id != bandId))
            {
                ModelState.AddModelError(string.Empty, "Tranche d'âge inconnue.");
            }
            else if (children < 0)
            {
                ModelState.AddModelError($"Input.Children[{bandId}]", "Le nombre d'enfants doit être un entier positif ou nul.");
            }
        }
        if (ModelState.IsValid)
        {
            try
            {
                town.SetQuota(Input.Quota!.Value);
                town.SetExpectedChildren(Input.Children.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!.Value));
                await db.SaveChangesAsync();
                TempData["Success"] = $"Quota et enfants attendus {French.De(town.Name)} enregistrés.";
                return RedirectToPage(new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError(e);
            }
        }
        db.ChangeTracker.Clear();
        await LoadAsync(await db.Towns.AsNoTracking().Include(t => t.ExpectedChildren).SingleAsync(t => t.Id == id));
        return Page();
    }

    private async Task LoadAsync(Town town)
    {
        TownName = town.Name;
        Bands = await planning.BandsAsync();
        Targets = QuotaSplit.Split(town.Quota, Bands.Select(b => b.Id).ToList(),
            town.ExpectedChildren.Where(c => Bands.Any(b => b.Id == c.AgeBandId)).ToDictionary(c => c.AgeBandId, c => c.Children));
    }
}
