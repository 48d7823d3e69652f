using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Waves;

public class CreateModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public WaveInput Input { get; set; } = new();

    public async Task OnGetAsync() =>
        Input.Number = (await db.Waves.MaxAsync(w => (int?)w.Number) ?? 0) + 1;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await db.Waves.AnyAsync(w => w.Number == Input.Number))
        {
            ModelState.AddModelError("Input.Number", $"La vague {Input.Number} existe déjà.");
            return Page();
        }
        Wave wave;
        try
        {
            wave = new Wave(Input.Number!.Value, Input.Name, Input.PlannedDeliveryOn);
            wave.Update(Input.Number.Value, Input.Name, Input.PlannedDeliveryOn, Input.ActualDeliveryOn, Input.Notes);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
        db.Waves.Add(wave);
        await db.SaveChangesAsync();
        TempData["Success"] = $"La vague {wave.Number} a été créée.";
        return RedirectToPage("Details", new { id = wave.Id });
    }
}
