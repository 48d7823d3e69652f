using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Receipt;
using MilleLivres.Web.Pages.Coordinator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Receipts;

/// <summary>
/// Staff correct a carton's receipt at any time (the coordinator only for the correction window): the same forms as
/// the coordinator's page, through the same service, recorded under the staff member's name.
/// </summary>
public class CartonModel(AppDbContext db, CartonReceipts receipts, TimeProvider clock) : PageModel
{
    public ReceiptModel.CartonView Carton { get; private set; } = null!;

    [BindProperty]
    public ReceiptModel.ReceiptInput Input { get; set; } = new();

    private ReceiptUser CurrentUser => new(User.FindFirstValue(ClaimTypes.NameIdentifier), IsStaff: true);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }
        Input = ReceiptModel.InputFor(Carton, receipts.Today);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(string code, CancellationToken ct) =>
        RecordAsync(code, () => receipts.ConfirmAsync(CurrentUser, code, Input.ReceivedOn, ct), ct);

    public Task<IActionResult> OnPostDifferencesAsync(string code, CancellationToken ct) =>
        RecordAsync(code, () => receipts.ReportDifferencesAsync(CurrentUser, code, Input.ReceivedOn,
            Input.Lines.Select(l => new DifferenceInput(l.CartonLineId, l.Quantity ?? 0, l.Reason, l.Comment)).ToList(), ct), ct);

    public Task<IActionResult> OnPostNotReceivedAsync(string code, CancellationToken ct) =>
        RecordAsync(code, () => receipts.MarkNotReceivedAsync(CurrentUser, code, Input.ReceivedOn, ct), ct);

    private async Task<IActionResult> RecordAsync(string code, Func<Task<CartonReceipts.Result>> record, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var result = await record();
                TempData["Success"] = result.Changed ? $"{result.CartonLabel} : réception corrigée." : $"{result.CartonLabel} : rien n'a changé.";
                return RedirectToPage(new { code });
            }
            catch (CartonNotFoundException)
            {
                return NotFound();
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError(e);
            }
        }
        return await LoadAsync(code, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var view = await ReceiptModel.LoadViewAsync(db, receipts.CartonsFor(CurrentUser), code, null, clock.GetUtcNow().UtcDateTime, ct);
        if (view is null)
        {
            return false;
        }
        Carton = view;
        return true;
    }
}
