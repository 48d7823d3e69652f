using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Receipt;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>
/// "Confirm all remaining cartons as conforming", after a confirmation that names how many. The number agreed to is
/// posted back: if it changed meanwhile, nothing is written. Another town's delivery is 404.
/// </summary>
public class ConfirmAllModel(AppDbContext db, CartonReceipts receipts) : PageModel
{
    public string TownName { get; private set; } = string.Empty;
    public string WaveName { get; private set; } = string.Empty;
    public int Remaining { get; private set; }

    [BindProperty]
    public int Expected { get; set; }

    [BindProperty]
    public DateOnly? ReceivedOn { get; set; }

    private ReceiptUser CurrentUser => new(User.FindFirstValue(ClaimTypes.NameIdentifier), IsStaff: false);

    public async Task<IActionResult> OnGetAsync(int waveId, int townId, CancellationToken ct)
    {
        if (!await LoadAsync(waveId, townId, ct))
        {
            return NotFound();
        }
        Expected = Remaining;
        ReceivedOn = receipts.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int waveId, int townId, CancellationToken ct)
    {
        try
        {
            var confirmed = await receipts.ConfirmAllRemainingAsync(CurrentUser, waveId, townId, Expected, ReceivedOn, ct);
            TempData["Success"] = confirmed == 0
                ? "Aucun carton ne restait à confirmer : rien n'a changé."
                : $"{confirmed} carton(s) confirmé(s) reçus conformes.";
            return RedirectToPage("/Coordinator/Delivery");
        }
        catch (CartonNotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        return await LoadAsync(waveId, townId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int waveId, int townId, CancellationToken ct)
    {
        var cartons = receipts.CartonsFor(CurrentUser).AsNoTracking().Where(c => c.WaveId == waveId && c.TownId == townId);
        if (!await cartons.AnyAsync(ct))
        {
            return false;
        }
        Remaining = await cartons.CountAsync(c => c.ReceiptState == CartonReceiptState.Awaiting, ct);
        TownName = await db.Towns.AsNoTracking().Where(t => t.Id == townId).Select(t => t.Name).SingleAsync(ct);
        WaveName = await db.Waves.AsNoTracking().Where(w => w.Id == waveId).Select(w => w.Name).SingleAsync(ct);
        return true;
    }
}
