using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Staff.Towns;

public class EditModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public TownInput Input { get; set; } = new();

    public string TownName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var town = await db.Towns.FindAsync(id);
        if (town is null)
        {
            return NotFound();
        }
        TownName = town.Name;
        Input = TownInput.From(town);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var town = await db.Towns.FindAsync(id);
        if (town is null)
        {
            return NotFound();
        }
        TownName = town.Name;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            Input.ApplyTo(town);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
        if (await TownRules.InseeCodeTakenAsync(db, town.InseeCode, exceptTownId: town.Id) is { } other)
        {
            ModelState.AddModelError("Input.InseeCode", $"Le code INSEE {town.InseeCode} est déjà celui de {other}.");
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Success"] = $"{town.Name} a été modifiée.";
        return RedirectToPage("Details", new { id });
    }
}
