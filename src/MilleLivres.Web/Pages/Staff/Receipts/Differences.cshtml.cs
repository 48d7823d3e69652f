using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Receipts;

/// <summary>
/// Open receipt differences across waves. Each is resolved once: written off (a ledger row « perdu / abîmé en
/// transport » with the reason) or replaced (copies reserved again in a new carton with its own slip, which staff then
/// dispatch from the wave's dispatch page, listed here until they do).
/// </summary>
public class DifferencesModel(AppDbContext db, ReceiptResolutions resolutions) : PageModel
{
    public IReadOnlyList<Row> Open { get; private set; } = [];

    /// <summary>Replacement cartons made and not dispatched yet: staff dispatch them from the wave's dispatch page.</summary>
    public IReadOnlyList<PendingReplacement> ToDispatch { get; private set; } = [];

    public sealed record PendingReplacement(int CartonId, int WaveId, int WaveNumber, string TownName, string Code);

    [BindProperty]
    public WriteOffInput WriteOff { get; set; } = new();

    public sealed record Row(int Id, int WaveNumber, string WaveName, string TownName, int CartonNumber, int CartonCount, string CartonCode,
        string Isbn, string Title, int Quantity, DifferenceReason Reason, string? Comment, string ReportedBy, DateTime ReportedAtUtc, int Available);

    public sealed class WriteOffInput
    {
        public int DifferenceId { get; set; }

        [Display(Name = "Raison de la sortie du stock")]
        [Required(ErrorMessage = "Indiquez la raison de la sortie du stock.")]
        [StringLength(ReceiptDifference.ResolutionNoteMaxLength, ErrorMessage = "La raison ne peut dépasser {1} caractères.")]
        public string? Note { get; set; }
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostWriteOffAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        try
        {
            var done = await resolutions.WriteOffAsync(WriteOff.DifferenceId, WriteOff.Note!, ct);
            TempData["Success"] = $"{done.Quantity} exemplaire(s) de « {done.Title} » ({done.TownName}) sortis du stock : perdu / abîmé en transport. La coordination est prévenue.";
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e, "WriteOff");
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReplaceAsync(int differenceId, CancellationToken ct)
    {
        try
        {
            var done = await resolutions.ReplaceAsync(differenceId, ct);
            TempData["Success"] = $"{done.Quantity} exemplaire(s) de « {done.Title} » réservés pour {done.TownName} dans le carton de remplacement {CartonCode.Display(done.ReplacementCode!)} : expédiez-le (ci-dessous) dès que son bordereau est prêt. La coordination est prévenue.";
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Open = await (
                from d in db.ReceiptDifferences.AsNoTracking()
                where d.Resolution == DifferenceResolution.Open
                join c in db.Cartons on d.CartonId equals c.Id
                join w in db.Waves on c.WaveId equals w.Id
                join t in db.Towns on c.TownId equals t.Id
                join ti in db.Titles on d.TitleId equals ti.Id
                orderby w.Number, t.Name, c.Number, ti.Name
                select new Row(d.Id, w.Number, w.Name, t.Name, c.Number, c.Count, c.Code, ti.Isbn, ti.Name, d.Quantity, d.Reason, d.Comment,
                    d.ReportedBy, d.ReportedAtUtc, ti.OnHand - ti.Reserved))
            .ToListAsync(ct);
        ToDispatch = await (
                from c in db.Cartons.AsNoTracking()
                where c.ReplacesDifferenceId != null && c.DispatchedOn == null
                join w in db.Waves on c.WaveId equals w.Id
                join t in db.Towns on c.TownId equals t.Id
                orderby w.Number, t.Name, c.Number
                select new PendingReplacement(c.Id, w.Id, w.Number, t.Name, c.Code))
            .ToListAsync(ct);
    }
}
