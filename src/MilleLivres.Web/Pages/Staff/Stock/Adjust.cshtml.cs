using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Stock;

public class AdjustModel(AppDbContext db, StockLedger ledger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string TitleName { get; private set; } = string.Empty;
    public int OnHand { get; private set; }
    public int Reserved { get; private set; }
    public int Available { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez combien d'exemplaires ajouter (+) ou retirer (-).")]
        [Range(-StockLedger.MaxQuantity, StockLedger.MaxQuantity, ErrorMessage = "La quantité doit être un nombre entier entre -1 000 000 et 1 000 000.")]
        [Display(Name = "Exemplaires à ajouter (+) ou retirer (-)")]
        public int? Quantity { get; set; }

        [Required(ErrorMessage = "Choisissez un motif.")]
        [Display(Name = "Motif")]
        public AdjustmentReason? Reason { get; set; }

        [StringLength(400, ErrorMessage = "La précision ne peut dépasser 400 caractères.")]
        [Display(Name = "Précision (obligatoire pour « autre »)")]
        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            await ledger.AdjustAsync(id, Input.Quantity!.Value, Input.Reason!.Value, Input.Note);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
        TempData["Success"] = $"Stock de « {TitleName} » ajusté de {Input.Quantity:+0;-0}.";
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var t = await db.Titles.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.Name, t.OnHand, t.Reserved, t.Available }).SingleOrDefaultAsync();
        if (t is null)
        {
            return false;
        }
        (TitleName, OnHand, Reserved, Available) = (t.Name, t.OnHand, t.Reserved, t.Available);
        return true;
    }
}
