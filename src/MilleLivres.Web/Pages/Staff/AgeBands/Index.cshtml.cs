using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.AgeBands;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.AgeBands;

public class IndexModel(AppDbContext db, AgeBandRules rules) : PageModel
{
    [BindProperty]
    public List<BandInput> Input { get; set; } = [];

    public string? LockedReason { get; private set; }

    public sealed class BandInput
    {
        public int Id { get; set; }

        [Display(Name = "Nom")]
        [Required(ErrorMessage = "Le nom de la tranche est obligatoire.")]
        [StringLength(60)]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Âge minimum")]
        [Required(ErrorMessage = "L'âge minimum est obligatoire.")]
        [Range(AgeBand.ProgrammeMinAge, AgeBand.ProgrammeMaxAge, ErrorMessage = "Entre {1} et {2} ans.")]
        public int? MinAge { get; set; }

        [Display(Name = "Âge maximum")]
        [Required(ErrorMessage = "L'âge maximum est obligatoire.")]
        [Range(AgeBand.ProgrammeMinAge, AgeBand.ProgrammeMaxAge, ErrorMessage = "Entre {1} et {2} ans.")]
        public int? MaxAge { get; set; }
    }

    public async Task OnGetAsync()
    {
        LockedReason = await rules.WhyLockedAsync();
        Input = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder)
            .Select(b => new BandInput { Id = b.Id, Name = b.Name, MinAge = b.MinAge, MaxAge = b.MaxAge })
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        LockedReason = await rules.WhyLockedAsync();
        if (LockedReason is not null)
        {
            ModelState.AddModelError(string.Empty, LockedReason);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var bands = await db.AgeBands.ToDictionaryAsync(b => b.Id);
        if (Input.Count != bands.Count || Input.Any(i => !bands.ContainsKey(i.Id)))
        {
            ModelState.AddModelError(string.Empty, "La liste des tranches a changé entre-temps : rechargez la page.");
            return Page();
        }
        if (AgeBand.FindCoverageProblem(Input.Select(i => (i.MinAge!.Value, i.MaxAge!.Value))) is { } problem)
        {
            ModelState.AddModelError(string.Empty, problem);
            return Page();
        }
        for (var i = 0; i < Input.Count; i++)
        {
            try
            {
                bands[Input[i].Id].Update(Input[i].Name, Input[i].MinAge!.Value, Input[i].MaxAge!.Value);
            }
            catch (DomainException e)
            {
                ModelState.AddModelError($"Input[{i}].{e.Field ?? "Name"}", e.Message);
                return Page();
            }
        }
        await db.SaveChangesAsync();
        TempData["Success"] = "Les tranches d'âge ont été enregistrées.";
        return RedirectToPage();
    }
}
