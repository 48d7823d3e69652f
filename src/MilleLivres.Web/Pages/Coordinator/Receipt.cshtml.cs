using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>
/// The page a carton's QR code opens ({PublicBaseUrl}/Coordinator/Receipt/{code}): the carton, its content, and its
/// receipt: one big "Tout est conforme" button, a differences form, "carton non reçu". For a coordinator of the carton's
/// town only: any other carton, or an unknown code, is 404 and nothing changes.
/// </summary>
public class ReceiptModel(AppDbContext db, CartonReceipts receipts, IOptions<ReceiptOptions> options, TimeProvider clock) : PageModel
{
    public CartonView Carton { get; private set; } = null!;

    [BindProperty]
    public ReceiptInput Input { get; set; } = new();

    public sealed record CartonView(int Id, string Code, int Number, int Count, int WaveId, int TownId, string TownName, string WaveName,
        CartonReceiptState State, DateOnly? ReceivedOn, string? RecordedBy, DateOnly? DispatchedOn, bool CanRecord, string? Locked,
        IReadOnlyList<LineView> Lines)
    {
        public int Books => Lines.Sum(l => l.Quantity);
    }

    public sealed record LineView(int LineId, string Isbn, string Title, string Authors, string AgeBand, int AgeBandOrder, int Quantity,
        int Reported, DifferenceReason? Reason, string? Comment);

    /// <summary>What the receipt forms partial (_ReceiptForms) needs; shared with the staff's correction page.</summary>
    public sealed record FormsView(CartonView Carton, ReceiptInput Input);

    public static ReceiptInput InputFor(CartonView carton, DateOnly today) => new()
    {
        ReceivedOn = carton.ReceivedOn ?? today,
        Lines = carton.Lines.Select(l => new LineInput { CartonLineId = l.LineId, Quantity = l.Reported, Reason = l.Reason ?? DifferenceReason.Missing, Comment = l.Comment }).ToList(),
    };

    public sealed class ReceiptInput
    {
        [Display(Name = "Date de réception")]
        [DataType(DataType.Date)]
        public DateOnly? ReceivedOn { get; set; }

        public List<LineInput> Lines { get; set; } = [];
    }

    public sealed class LineInput
    {
        public int CartonLineId { get; set; }

        [Display(Name = "Exemplaires manquants ou abîmés")]
        [Range(0, 100_000, ErrorMessage = "Indiquez un nombre d'exemplaires entre {1} et {2}.")]
        public int? Quantity { get; set; }

        [Display(Name = "Motif")]
        public DifferenceReason Reason { get; set; }

        [Display(Name = "Commentaire (facultatif)")]
        [StringLength(ReceiptDifference.CommentMaxLength, ErrorMessage = "Le commentaire ne peut dépasser {1} caractères.")]
        public string? Comment { get; set; }
    }

    private ReceiptUser CurrentUser => new(User.FindFirstValue(ClaimTypes.NameIdentifier), IsStaff: false);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }
        Input = InputFor(Carton, receipts.Today);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(string code, CancellationToken ct) =>
        RecordAsync(code, () => receipts.ConfirmAsync(CurrentUser, code, Input.ReceivedOn, ct), ct);

    public Task<IActionResult> OnPostDifferencesAsync(string code, CancellationToken ct) =>
        RecordAsync(code, () => receipts.ReportDifferencesAsync(CurrentUser, code, Input.ReceivedOn,
            Input.Lines.Select(l => new DifferenceInput(l.CartonLineId, l.Quantity ?? 0, l.Reason, l.Comment)).ToList(), ct), ct);

    public Task<IActionResult> OnPostNotReceivedAsync(string code, CancellationToken ct) =>
        RecordAsync(code, () => receipts.MarkNotReceivedAsync(CurrentUser, code, null, ct), ct);

    private async Task<IActionResult> RecordAsync(string code, Func<Task<CartonReceipts.Result>> record, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var result = await record();
                var state = await db.Cartons.AsNoTracking().Where(c => c.Code == CartonCode.Normalize(code)).Select(c => c.ReceiptState).SingleAsync(ct);
                TempData["Success"] = result.Changed
                    ? $"{result.CartonLabel} : {ReceiptText.Of(state)}." + (result.ShipmentReceived ? " Tous les cartons de la livraison sont reçus : l'accusé de réception est en préparation." : string.Empty)
                    : $"{result.CartonLabel} : déjà enregistré « {ReceiptText.Of(state)} », rien n'a changé.";
                return RedirectToPage("/Coordinator/Delivery");
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
        var view = await LoadViewAsync(db, receipts.CartonsFor(CurrentUser), code, options.Value.CoordinatorCorrectionDays, clock.GetUtcNow().UtcDateTime, ct);
        if (view is null)
        {
            return false;
        }
        Carton = view;
        return true;
    }

    /// <summary>What the page shows, from <paramref name="cartons"/> (the user's); <paramref name="correctionDays"/> is null for staff.</summary>
    public static async Task<CartonView?> LoadViewAsync(AppDbContext db, IQueryable<MilleLivres.Core.Packing.Carton> cartons, string code, int? correctionDays, DateTime nowUtc, CancellationToken ct)
    {
        if (!CartonCode.IsValid(code))
        {
            return null;
        }
        var normalized = CartonCode.Normalize(code);
        var carton = await cartons.AsNoTracking()
            .Where(c => c.Code == normalized)
            .Select(c => new
            {
                c.Id,
                c.Number,
                c.Count,
                c.Code,
                c.WaveId,
                c.TownId,
                c.ReceiptState,
                c.ReceivedOn,
                c.ReceiptRecordedBy,
                c.FirstReceiptAtUtc,
                c.DispatchedOn,
                c.ReplacesDifferenceId,
                Locked = c.Differences.Any(d => d.Resolution != DifferenceResolution.Open),
                Town = db.Towns.Where(t => t.Id == c.TownId).Select(t => t.Name).First(),
                Wave = db.Waves.Where(w => w.Id == c.WaveId).Select(w => w.Name).First(),
                ShipmentDispatchedOn = db.Shipments.Where(s => s.WaveId == c.WaveId && s.TownId == c.TownId).Select(s => (DateOnly?)s.DispatchedOn).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (carton is null)
        {
            return null;
        }
        var differences = await db.ReceiptDifferences.AsNoTracking().Where(d => d.CartonId == carton.Id).ToListAsync(ct);
        var lines = await (
                from l in db.CartonLines.AsNoTracking()
                where l.CartonId == carton.Id
                join t in db.Titles on l.TitleId equals t.Id
                join b in db.AgeBands on l.AgeBandId equals b.Id
                select new { l.Id, t.Isbn, t.Name, t.Authors, BandName = b.Name, b.MinAge, b.MaxAge, b.SortOrder, l.Quantity })
            .ToListAsync(ct);
        // A replacement carton leaves on its own day, once staff dispatch it; the others with their town's shipment.
        var dispatchedOn = carton.ReplacesDifferenceId is null ? carton.ShipmentDispatchedOn : carton.DispatchedOn;
        string? locked = null;
        if (carton.Locked)
        {
            locked = "Un écart de ce carton a été traité par l'équipe Biblionef : sa réception ne peut plus être modifiée.";
        }
        else if (correctionDays is { } days && carton.FirstReceiptAtUtc is { } first && nowUtc > first.AddDays(days))
        {
            locked = $"Réception enregistrée le {first:dd/MM/yyyy} : passé {days} jours, seule l'équipe Biblionef peut la corriger.";
        }
        return new CartonView(carton.Id, carton.Code, carton.Number, carton.Count, carton.WaveId, carton.TownId, carton.Town, carton.Wave,
            carton.ReceiptState, carton.ReceivedOn, carton.ReceiptRecordedBy, dispatchedOn, dispatchedOn is not null && locked is null, locked,
            lines
                .Select(l =>
                {
                    var d = differences.FirstOrDefault(x => x.CartonLineId == l.Id);
                    return new LineView(l.Id, l.Isbn, l.Name, l.Authors, AgeBand.LabelOf(l.MinAge, l.MaxAge, l.BandName), l.SortOrder, l.Quantity,
                        d?.Quantity ?? 0, d?.Reason, d?.Comment);
                })
                .OrderBy(l => l.AgeBandOrder).ThenBy(l => l.Title, StringComparer.CurrentCulture).ThenBy(l => l.LineId)
                .ToList());
    }
}
