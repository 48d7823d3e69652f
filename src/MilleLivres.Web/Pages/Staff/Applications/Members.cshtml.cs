using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Applications;

/// <summary>Ville &amp; Banlieue's member towns as staff keep them; applicants' claims are compared with it.</summary>
public class MembersModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Members { get; private set; } = [];

    public sealed record Row(int Id, string TownName, string InseeCode, int Applications, int ApplicationsClaimingOtherwise);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez le nom de la ville.")]
        [StringLength(Town.NameMaxLength, ErrorMessage = "Le nom de la ville ne peut dépasser {1} caractères.")]
        public string? TownName { get; set; }

        [Required(ErrorMessage = "Indiquez le code INSEE.")]
        public string? InseeCode { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (ModelState.IsValid)
        {
            try
            {
                var member = new VilleBanlieueMember(Input.InseeCode!, Input.TownName!, clock.GetUtcNow().UtcDateTime);
                if (await db.VilleBanlieueMembers.AnyAsync(m => m.InseeCode == member.InseeCode))
                {
                    throw new DomainException($"La ville de code INSEE {member.InseeCode} est déjà sur la liste.", nameof(InputModel.InseeCode));
                }
                db.VilleBanlieueMembers.Add(member);
                await db.SaveChangesAsync();
                TempData["Success"] = $"{member.TownName} a été ajoutée à la liste des adhérentes.";
                return RedirectToPage();
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError(e);
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        var member = await db.VilleBanlieueMembers.SingleOrDefaultAsync(m => m.Id == id);
        if (member is null)
        {
            return NotFound();
        }
        db.VilleBanlieueMembers.Remove(member);
        await db.SaveChangesAsync();
        TempData["Success"] = $"{member.TownName} a été retirée de la liste des adhérentes.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var rows = await db.VilleBanlieueMembers.AsNoTracking()
            .Select(m => new Row(m.Id, m.TownName, m.InseeCode,
                db.TownApplications.Count(a => a.InseeCode == m.InseeCode),
                db.TownApplications.Count(a => a.InseeCode == m.InseeCode && !a.ClaimsVilleBanlieueMembership)))
            .ToListAsync();
        Members = rows.OrderBy(r => r.TownName, StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), true)).ToList();
    }
}
