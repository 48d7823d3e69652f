using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Towns;

public class CreateModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public TownInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Town town;
        try
        {
            town = Input.ToNewTown();
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
        if (await TownRules.InseeCodeTakenAsync(db, town.InseeCode, exceptTownId: null) is { } other)
        {
            ModelState.AddModelError("Input.InseeCode", $"Le code INSEE {town.InseeCode} est déjà celui de {other}.");
            return Page();
        }
        db.Towns.Add(town);
        await db.SaveChangesAsync();
        TempData["Success"] = $"{town.Name} a été ajoutée.";
        return RedirectToPage("Details", new { id = town.Id });
    }
}

internal static class TownRules
{
    /// <summary>The name of the town that already has this INSEE code, or null. The unique index backs it up.</summary>
    public static async Task<string?> InseeCodeTakenAsync(AppDbContext db, string inseeCode, int? exceptTownId) =>
        await db.Towns.AsNoTracking()
            .Where(t => t.InseeCode == inseeCode && (exceptTownId == null || t.Id != exceptTownId))
            .Select(t => t.Name)
            .FirstOrDefaultAsync();
}
