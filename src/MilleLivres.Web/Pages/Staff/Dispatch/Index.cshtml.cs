using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Data;
using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Dispatch;

/// <summary>
/// Dispatching a packed wave: one town or every town still waiting, with the dispatch day, the expected delivery day
/// (prefilled: three working days later) and optionally carrier and tracking number; then moving an expected day.
/// </summary>
public class IndexModel(AppDbContext db, WaveDispatch dispatch) : PageModel
{
    public int WaveId { get; private set; }
    public int WaveNumber { get; private set; }
    public string WaveName { get; private set; } = string.Empty;
    public WaveStatus WaveStatus { get; private set; }
    public IReadOnlyList<TownRow> Towns { get; private set; } = [];

    public bool CanDispatch => WaveStatus == WaveStatus.Packed && Towns.Any(t => t.Shipment is null);

    // Explicit names: without them a form that posts no "Change." field binds Change from the empty prefix.
    [BindProperty(Name = "Input")]
    public DispatchInput Input { get; set; } = new();

    [BindProperty(Name = "Change")]
    public ChangeDateInput Change { get; set; } = new();

    [BindProperty(Name = "Replacement")]
    public ReplacementInput Replacement { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    /// <summary>Replacement cartons of the wave (issue 14): each leaves on its own, once its slip is ready.</summary>
    public IReadOnlyList<ReplacementRow> Replacements { get; private set; } = [];

    public sealed record ReplacementRow(int CartonId, string Code, int Number, string Town, int Books, bool SlipReady,
        DateOnly? DispatchedOn, DateOnly? ExpectedOn, string? Carrier, string? TrackingNumber, Core.Receipt.CartonReceiptState State);

    /// <summary>The dispatch form of one replacement carton: the same fields as a town's shipment.</summary>
    public sealed class ReplacementInput
    {
        public int CartonId { get; set; }

        [Required(ErrorMessage = "Indiquez la date d'expédition.")]
        [Display(Name = "Date d'expédition")]
        public DateOnly? DispatchedOn { get; set; }

        [Required(ErrorMessage = "Indiquez la date de livraison prévue.")]
        [Display(Name = "Livraison prévue le")]
        public DateOnly? ExpectedOn { get; set; }

        [Display(Name = "Transporteur (facultatif)")]
        [StringLength(Shipment.CarrierMaxLength, ErrorMessage = "Le transporteur ne peut dépasser {1} caractères.")]
        public string? Carrier { get; set; }

        [Display(Name = "Numéro de suivi (facultatif)")]
        [StringLength(Shipment.TrackingNumberMaxLength, ErrorMessage = "Le numéro de suivi ne peut dépasser {1} caractères.")]
        public string? TrackingNumber { get; set; }
    }

    public sealed class DispatchInput
    {
        /// <summary>Empty: every town not dispatched yet.</summary>
        [Display(Name = "Ville")]
        public int? TownId { get; set; }

        [Required(ErrorMessage = "Indiquez la date d'expédition.")]
        [Display(Name = "Date d'expédition")]
        public DateOnly? DispatchedOn { get; set; }

        [Required(ErrorMessage = "Indiquez la date de livraison prévue.")]
        [Display(Name = "Livraison prévue le")]
        public DateOnly? ExpectedOn { get; set; }

        [Display(Name = "Transporteur (facultatif)")]
        [StringLength(Shipment.CarrierMaxLength, ErrorMessage = "Le transporteur ne peut dépasser {1} caractères.")]
        public string? Carrier { get; set; }

        [Display(Name = "Numéro de suivi (facultatif)")]
        [StringLength(Shipment.TrackingNumberMaxLength, ErrorMessage = "Le numéro de suivi ne peut dépasser {1} caractères.")]
        public string? TrackingNumber { get; set; }
    }

    public sealed class ChangeDateInput
    {
        public int ShipmentId { get; set; }

        [Required(ErrorMessage = "Indiquez la nouvelle date de livraison prévue.")]
        [Display(Name = "Nouvelle date de livraison prévue")]
        public DateOnly? ExpectedOn { get; set; }
    }

    public sealed record TownRow(int TownId, string Name, int Cartons, int Books, bool SlipReady, ShipmentRow? Shipment);

    public sealed record ShipmentRow(int Id, DateOnly DispatchedOn, DateOnly ExpectedOn, string? Carrier, string? TrackingNumber, DateOnly? ReceivedOn, bool RemindersPaused);

    public async Task<IActionResult> OnGetAsync(int waveId, CancellationToken ct)
    {
        if (!await LoadAsync(waveId, ct))
        {
            return NotFound();
        }
        var defaults = dispatch.DefaultDetails();
        Input = new DispatchInput { DispatchedOn = defaults.DispatchedOn, ExpectedOn = defaults.ExpectedOn };
        return Page();
    }

    public async Task<IActionResult> OnPostDispatchAsync(int waveId, CancellationToken ct)
    {
        if (!await LoadAsync(waveId, ct))
        {
            return NotFound();
        }
        ForgetErrorsOf("Change");
        ForgetErrorsOf("Replacement");
        if (Input.TownId is { } chosen && Towns.All(t => t.TownId != chosen))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var details = new DispatchDetails(Input.DispatchedOn!.Value, Input.ExpectedOn!.Value, Input.Carrier, Input.TrackingNumber);
        try
        {
            var result = Input.TownId is { } townId
                ? await dispatch.DispatchTownAsync(waveId, townId, details, ct)
                : await dispatch.DispatchAllReadyAsync(waveId, details, ct);
            Message = $"Expédié : {string.Join(", ", result.Towns)}."
                + (result.WaveDispatched ? $" La vague {WaveNumber} est « {WaveStatusText.Of(WaveStatus.Dispatched)} »." : string.Empty)
                + (result.TownsWithoutNotice.Count > 0
                    ? $" Aucun avis de livraison pour {string.Join(", ", result.TownsWithoutNotice)} : la personne qui coordonne n'a pas d'adresse électronique valide (complétez la fiche de la ville)."
                    : string.Empty);
        }
        catch (DomainException e)
        {
            // With nothing left to dispatch the form is not shown: the message goes at the top of the page.
            if (CanDispatch)
            {
                ModelState.AddDomainError(e);
            }
            else
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
            return Page();
        }
        return RedirectToPage(new { waveId });
    }

    public async Task<IActionResult> OnPostChangeDateAsync(int waveId, CancellationToken ct)
    {
        if (!await LoadAsync(waveId, ct))
        {
            return NotFound();
        }
        ForgetErrorsOf("Input");
        ForgetErrorsOf("Replacement");
        var row = Towns.FirstOrDefault(t => t.Shipment?.Id == Change.ShipmentId);
        if (row is null)
        {
            return NotFound();
        }
        var defaults = dispatch.DefaultDetails();
        Input = new DispatchInput { DispatchedOn = defaults.DispatchedOn, ExpectedOn = defaults.ExpectedOn };
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            Message = await dispatch.ChangeExpectedDateAsync(Change.ShipmentId, Change.ExpectedOn!.Value, ct)
                ? $"Livraison de {row.Name} désormais prévue le {Change.ExpectedOn:dd/MM/yyyy}."
                : $"La livraison de {row.Name} était déjà prévue le {Change.ExpectedOn:dd/MM/yyyy} : rien n'a changé.";
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e, "Change");
            if (e.Field is null)
            {
                ModelState.AddModelError("Change.ExpectedOn", e.Message);
            }
            return Page();
        }
        return RedirectToPage(new { waveId });
    }

    /// <summary>Dispatch one replacement carton of this wave, with its own dates, carrier and tracking.</summary>
    public async Task<IActionResult> OnPostReplacementAsync(int waveId, CancellationToken ct)
    {
        if (!await LoadAsync(waveId, ct))
        {
            return NotFound();
        }
        ForgetErrorsOf("Input");
        ForgetErrorsOf("Change");
        if (Replacements.All(r => r.CartonId != Replacement.CartonId))
        {
            return NotFound();
        }
        var defaults = dispatch.DefaultDetails();
        Input = new DispatchInput { DispatchedOn = defaults.DispatchedOn, ExpectedOn = defaults.ExpectedOn };
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            Message = await dispatch.DispatchReplacementAsync(Replacement.CartonId,
                new DispatchDetails(Replacement.DispatchedOn!.Value, Replacement.ExpectedOn!.Value, Replacement.Carrier, Replacement.TrackingNumber), ct);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e, "Replacement");
            if (e.Field is null or "TownId")
            {
                ModelState.AddModelError("Replacement", e.Message);
            }
            return Page();
        }
        return RedirectToPage(new { waveId });
    }

    /// <summary>Pause (or resume) the receipt reminders of one town's delivery.</summary>
    public async Task<IActionResult> OnPostRemindersAsync(int waveId, int shipmentId, bool paused, CancellationToken ct)
    {
        if (!await LoadAsync(waveId, ct))
        {
            return NotFound();
        }
        var row = Towns.FirstOrDefault(t => t.Shipment?.Id == shipmentId);
        if (row is null)
        {
            return NotFound();
        }
        var changed = await dispatch.SetRemindersPausedAsync(shipmentId, paused, ct);
        Message = !changed ? $"Rien n'a changé pour les relances de {row.Name}."
            : paused ? $"Relances suspendues pour {row.Name}." : $"Relances reprises pour {row.Name}.";
        return RedirectToPage(new { waveId });
    }

    /// <summary>Both forms bind on every post; only the posted form's input is validated.</summary>
    private void ForgetErrorsOf(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task<bool> LoadAsync(int waveId, CancellationToken ct)
    {
        var wave = await db.Waves.AsNoTracking().Where(w => w.Id == waveId)
            .Select(w => new { w.Id, w.Number, w.Name, w.Status }).FirstOrDefaultAsync(ct);
        if (wave is null)
        {
            return false;
        }
        WaveId = wave.Id;
        WaveNumber = wave.Number;
        WaveName = wave.Name;
        WaveStatus = wave.Status;
        var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == waveId)
            .Select(t => new { t.TownId, t.Town.Name }).ToListAsync(ct);
        var cartons = await db.Cartons.AsNoTracking().Where(c => c.WaveId == waveId)
            .GroupBy(c => c.TownId)
            .Select(g => new { TownId = g.Key, Cartons = g.Count(), Books = g.Sum(c => c.Lines.Sum(l => l.Quantity)) })
            .ToDictionaryAsync(c => c.TownId, ct);
        var slips = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.WaveId == waveId && d.TownId != null)
            .Select(d => d.TownId!.Value).ToListAsync(ct);
        var shipments = await db.Shipments.AsNoTracking().Where(s => s.WaveId == waveId)
            .Select(s => new { s.TownId, Row = new ShipmentRow(s.Id, s.DispatchedOn, s.ExpectedOn, s.Carrier, s.TrackingNumber, s.ReceivedOn, s.RemindersPaused) })
            .ToDictionaryAsync(s => s.TownId, s => s.Row, ct);
        var replacementSlips = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == Core.Receipt.ReplacementSlipWork.DocumentKind && d.WaveId == waveId)
            .Select(d => d.OwnerKey).ToListAsync(ct);
        var replacements = await db.Cartons.AsNoTracking()
            .Where(c => c.WaveId == waveId && c.ReplacesDifferenceId != null)
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.Code, c.Number, Town = db.Towns.Where(t => t.Id == c.TownId).Select(t => t.Name).First(),
                Books = c.Lines.Sum(l => l.Quantity), c.DispatchedOn, c.ExpectedOn, c.Carrier, c.TrackingNumber, c.ReceiptState,
            })
            .ToListAsync(ct);
        Replacements = replacements.Select(c => new ReplacementRow(c.Id, c.Code, c.Number, c.Town, c.Books,
            replacementSlips.Contains(Core.Receipt.ReplacementSlipWork.OwnerKey(c.Id)),
            c.DispatchedOn, c.ExpectedOn, c.Carrier, c.TrackingNumber, c.ReceiptState)).ToList();
        var french = StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), ignoreCase: true);
        Towns = towns.OrderBy(t => t.Name, french)
            .Select(t => new TownRow(t.TownId, t.Name,
                cartons.GetValueOrDefault(t.TownId)?.Cartons ?? 0,
                cartons.GetValueOrDefault(t.TownId)?.Books ?? 0,
                slips.Contains(t.TownId),
                shipments.GetValueOrDefault(t.TownId)))
            .ToList();
        return true;
    }
}
