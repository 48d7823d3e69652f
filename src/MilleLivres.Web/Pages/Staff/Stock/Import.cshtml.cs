using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Staff.Stock;

/// <summary>
/// Import a publisher's CSV in two steps. The preview keeps the uploaded bytes in the database under their SHA-256,
/// so the commit (a second form, no JavaScript), on whichever instance, imports exactly the file that was previewed.
/// </summary>
// Above the 10 MB rule, so a too-large file gets the French message instead of a bare 413.
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
[RequestSizeLimit(UploadLimit)]
public partial class ImportModel(StockImporter importer, ImportPreviewCleanup previews, IServiceScopeFactory scopes, TimeProvider clock) : PageModel
{
    private const long UploadLimit = 64L * 1024 * 1024;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ImportPreview? Preview { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Fichier CSV de l'éditeur")]
        public IFormFile? File { get; set; }

        [Required(ErrorMessage = "Indiquez l'éditeur donateur.")]
        [StringLength(Title.PublisherMaxLength, ErrorMessage = "Le nom de l'éditeur est trop long.")]
        [Display(Name = "Éditeur donateur")]
        public string? Publisher { get; set; }

        [Required(ErrorMessage = "Indiquez la date de réception.")]
        [PlausibleDate]
        [DataType(DataType.Date)]
        [Display(Name = "Reçu le")]
        public DateOnly? ReceivedOn { get; set; }

        /// <summary>The previewed file, set by the preview step.</summary>
        public string? FileHash { get; set; }
        public string? FileName { get; set; }

        [Display(Name = "Ce fichier a déjà été importé : l'importer quand même")]
        public bool ConfirmDuplicate { get; set; }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();

    public void OnGet() => Input.ReceivedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Input.File is null || Input.File.Length == 0)
        {
            ModelState.AddModelError("Input.File", "Choisissez un fichier CSV.");
        }
        else if (Input.File.Length > importer.MaxBytes)
        {
            ModelState.AddModelError("Input.File",
                $"Le fichier fait {Input.File.Length / 1024.0 / 1024.0:0.0} Mo : la limite est de {importer.MaxBytes / 1024.0 / 1024.0:0.#} Mo. Découpez-le en plusieurs fichiers.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        byte[] content;
        using (var buffer = new MemoryStream())
        {
            await Input.File!.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        try
        {
            Preview = await importer.PreviewAsync(content, Input.File.FileName, Input.Publisher!, Input.ReceivedOn!.Value, ct);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
        // In a scope of its own: keeping the bytes is not the form's change, and must not spend its one-time key
        // (a second click on « Prévisualiser » shows the preview again).
        await using (var own = scopes.CreateAsyncScope())
        {
            await own.ServiceProvider.GetRequiredService<ImportPreviewCleanup>().SaveAsync(Preview.FileHash, content, ct);
        }
        Input.FileHash = Preview.FileHash;
        Input.FileName = Preview.FileName;
        ModelState.Remove("Input.FileHash");
        ModelState.Remove("Input.FileName");
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(CancellationToken ct)
    {
        var content = Input.FileHash is not null && HashPattern().IsMatch(Input.FileHash) ? await previews.FindAsync(Input.FileHash, ct) : null;
        if (content is null)
        {
            ModelState.AddModelError("Input.File", "Le fichier prévisualisé n'est plus disponible : choisissez-le à nouveau.");
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var (preview, result) = await importer.CommitAsync(content, Input.FileName ?? "import.csv", Input.Publisher!, Input.ReceivedOn!.Value, Input.ConfirmDuplicate, ct);
            await previews.DeleteAsync(Input.FileHash!, ct);
            TempData["Success"] = $"Import de « {preview.FileName} » terminé : {result.TitlesCreated} titre(s) créé(s), {result.TitlesAddedTo} complété(s), {result.Copies} exemplaire(s).";
            return RedirectToPage("Index");
        }
        catch (DomainException e)
        {
            // Show the preview again, with the reason next to the field it concerns.
            Preview = await importer.PreviewAsync(content, Input.FileName ?? "import.csv", Input.Publisher!, Input.ReceivedOn!.Value, ct);
            ModelState.AddDomainError(e);
            return Page();
        }
    }
}
