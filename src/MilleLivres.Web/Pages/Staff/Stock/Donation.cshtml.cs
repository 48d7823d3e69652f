using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Stock;

/// <summary>
/// A publisher's donation: a header (publisher, date, reference) and lines of ISBN + quantity. An ISBN the stock
/// does not know yet creates its title from the same line. Everything is checked first, then written in one
/// transaction.
/// </summary>
public class DonationModel(AppDbContext db, StockLedger ledger, TimeProvider clock) : PageModel
{
    public const int BlankLines = 8;
    public const int MaxLines = 200;

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

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadBandsAsync();
        var lines = Input.Lines.Take(MaxLines).Select((l, i) => (Line: l, Index: i)).Where(x => !x.Line.IsBlank).ToList();
        if (lines.Count == 0)
        {
            ModelState.AddModelError("Input.Lines[0].Isbn", "Saisissez au moins une ligne : un ISBN et une quantité.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Check every line before writing anything.
        var parsed = new List<(int Index, string Isbn, int Quantity, LineInput Line)>();
        foreach (var (line, i) in lines)
        {
            var prefix = $"Input.Lines[{i}]";
            if (!Isbn.TryParse(line.Isbn, out var isbn, out var isbnError))
            {
                ModelState.AddModelError($"{prefix}.Isbn", isbnError!);
            }
            if (line.Quantity is not > 0 || line.Quantity > StockLedger.MaxQuantity)
            {
                ModelState.AddModelError($"{prefix}.Quantity", "La quantité doit être un nombre entier positif.");
            }
            parsed.Add((i, isbn, line.Quantity ?? 0, line));
        }
        var isbns = parsed.Where(p => p.Isbn.Length > 0).Select(p => p.Isbn).Distinct().ToList();
        var known = await db.Titles.AsNoTracking().Where(t => isbns.Contains(t.Isbn)).ToDictionaryAsync(t => t.Isbn, t => t.Id);
        var toCreate = new Dictionary<string, Title>();
        foreach (var (i, isbn, _, line) in parsed)
        {
            if (isbn.Length == 0 || known.ContainsKey(isbn) || toCreate.ContainsKey(isbn))
            {
                continue;
            }
            var prefix = $"Input.Lines[{i}]";
            if (string.IsNullOrWhiteSpace(line.Name))
            {
                ModelState.AddModelError($"{prefix}.Name", $"ISBN {isbn} inconnu du stock : indiquez le titre (et la tranche d'âge, le genre) pour le créer.");
                continue;
            }
            if (line.AgeBandId is not { } band || Bands.All(b => b.Id != band))
            {
                ModelState.AddModelError($"{prefix}.AgeBandId", "Choisissez la tranche d'âge du nouveau titre.");
                continue;
            }
            try
            {
                toCreate[isbn] = new Title(isbn, line.Name, line.Authors, Input.Publisher, band, line.Genre ?? Genre.Autre);
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError(e, prefix);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Titles.AddRange(toCreate.Values);
                await db.SaveChangesAsync();
                foreach (var (_, isbn, quantity, _) in parsed)
                {
                    var titleId = known.TryGetValue(isbn, out var id) ? id : toCreate[isbn].Id;
                    await ledger.ReceiveDonationAsync(titleId, quantity, Input.Publisher!, Input.ReceivedOn!.Value, Input.Reference);
                }
                await transaction.CommitAsync();
            });
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
        TempData["Success"] = $"Don de {Input.Publisher!.Trim()} enregistré : {parsed.Sum(p => p.Quantity)} exemplaire(s), {toCreate.Count} nouveau(x) titre(s).";
        return RedirectToPage("Index");
    }

    private async Task LoadBandsAsync()
    {
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ToListAsync();
        Bands = bands.Select(b => (b.Id, b.Label)).ToList();
    }
}
