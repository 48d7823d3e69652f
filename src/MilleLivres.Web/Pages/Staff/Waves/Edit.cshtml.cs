using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Waves;

public class EditModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public WaveInput Input { get; set; } = new();

    public string WaveName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var wave = await db.Waves.FindAsync(id);
        if (wave is null)
        {
            return NotFound();
        }
        WaveName = wave.Name;
        Input = WaveInput.From(wave);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var wave = await db.Waves.FindAsync(id);
        if (wave is null)
        {
            return NotFound();
        }
        WaveName = wave.Name;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await db.Waves.AnyAsync(w => w.Number == Input.Number && w.Id != id))
        {
            ModelState.AddModelError("Input.Number", $"La vague {Input.Number} existe déjà.");
            return Page();
        }
        try
        {
            wave.Update(Input.Number!.Value, Input.Name, Input.PlannedDeliveryOn, Input.ActualDeliveryOn, Input.Notes);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Success"] = $"La vague {wave.Number} a été modifiée.";
        return RedirectToPage("Details", new { id });
    }
}
