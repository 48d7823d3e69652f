using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Stock;

/// <summary>
/// A publisher's donation: a header (publisher, date, reference) and lines of ISBN + quantity, received by
/// <see cref="StockDonations"/>; this page binds the form, calls it and shows the outcome.
/// </summary>
public class DonationModel(AppDbContext db, StockDonations donations, TimeProvider clock) : PageModel
{
    public const int BlankLines = 8;
    public const int MaxLines = StockDonations.MaxLines;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Label)> Bands { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez l'éditeur donateur.")]
        [StringLength(Title.PublisherMaxLength, ErrorMessage = "Le nom de l'éditeur est trop long.")]
        [Display(Name = "Éditeur donateur")]
        public string? Publisher { get; set; }

        [Required(ErrorMessage = "Indiquez la date de réception.")]
        [PlausibleDate]
        [DataType(DataType.Date)]
        [Display(Name = "Reçu le")]
        public DateOnly? ReceivedOn { get; set; }

        [StringLength(StockMovement.ReferenceMaxLength, ErrorMessage = "La référence est trop longue.")]
        [Display(Name = "Référence (bon de livraison…)")]
        public string? Reference { get; set; }

        public List<LineInput> Lines { get; set; } = [];
    }

    public sealed class LineInput
    {
        public string? Isbn { get; set; }
        public int? Quantity { get; set; }

        /// <summary>Only for an ISBN the stock does not know yet.</summary>
        public string? Name { get; set; }
        public string? Authors { get; set; }
        public int? AgeBandId { get; set; }
        public Genre? Genre { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Isbn) && Quantity is null && string.IsNullOrWhiteSpace(Name);
    }

    public async Task OnGetAsync()
    {
        Input.ReceivedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Input.Lines = Enumerable.Range(0, BlankLines).Select(_ => new LineInput()).ToList();
        await LoadBandsAsync();
    }

    /// <summary>More blank lines, without JavaScript: the form comes back with what was typed.</summary>
    public async Task<IActionResult> OnPostMoreLinesAsync()
    {
        ModelState.Clear();
        var wanted = Math.Min(MaxLines, Input.Lines.Count + BlankLines);
        while (Input.Lines.Count < wanted)
        {
            Input.Lines.Add(new LineInput());
        }
        await LoadBandsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadBandsAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var lines = Input.Lines.Take(MaxLines).Select((l, i) => (Line: l, Index: i)).Where(x => !x.Line.IsBlank)
            .Select(x => new DonationLine(x.Index, x.Line.Isbn, x.Line.Quantity, x.Line.Name, x.Line.Authors, x.Line.AgeBandId, x.Line.Genre))
            .ToList();
        try
        {
            var received = await donations.ReceiveAsync(Input.Publisher, Input.ReceivedOn!.Value, Input.Reference, lines, ct);
            TempData["Success"] = $"Don de {Input.Publisher!.Trim()} enregistré : {received.Copies} exemplaire(s), {received.TitlesCreated} nouveau(x) titre(s).";
            return RedirectToPage("Index");
        }
        catch (InvalidDonationLinesException e)
        {
            foreach (var error in e.Errors)
            {
                ModelState.AddModelError($"Input.Lines[{error.Index}].{error.Field}", error.Message);
            }
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
        }
        return Page();
    }

    private async Task LoadBandsAsync()
    {
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ToListAsync();
        Bands = bands.Select(b => (b.Id, b.Label)).ToList();
    }
}
