using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Data;
using MilleLivres.Core.Export;
using MilleLivres.Core.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Reports;

/// <summary>
/// Staff reporting: the reconciliation, the wave reports, and the exports (CSV or XLSX of towns, shipments, receipts,
/// differences, distributions, testimonials) for one wave or the whole programme, filtered by dates (ADR 0841).
/// The export form is a GET: it changes nothing, and a bad filter comes back with its message at the field.
/// </summary>
public class IndexModel(AppDbContext db, ReportExports exports) : PageModel
{
    public sealed class ExportInput
    {
        [Display(Name = "Contenu")]
        public ExportKind Kind { get; set; } = ExportKind.Towns;

        [Display(Name = "Format")]
        public ExportFormat Format { get; set; } = ExportFormat.Xlsx;

        [Display(Name = "Vague")]
        public int? WaveId { get; set; }

        [Display(Name = "Du")]
        public DateOnly? From { get; set; }

        [Display(Name = "Au")]
        public DateOnly? To { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public ExportInput Input { get; set; } = new();

    public IReadOnlyList<(int Id, int Number, string Name)> Waves { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var filter = new ExportFilter(Input.WaveId, Input.From, Input.To);
        try
        {
            var waveNumber = await exports.ValidateAsync(filter, ct);
            var buffer = new MemoryStream();
            await exports.WriteAsync(Input.Kind, Input.Format, filter, buffer, ct);
            buffer.Position = 0;
            return File(buffer, Input.Format == ExportFormat.Csv ? CsvExport.ContentType : ReportExports.XlsxContentType,
                exports.FileName(Input.Kind, Input.Format, waveNumber));
        }
        catch (InvalidExportFilterException e)
        {
            ModelState.AddModelError($"{nameof(Input)}.{e.Field}", e.Message);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Waves = (await db.Waves.AsNoTracking().OrderBy(w => w.Number).Select(w => new { w.Id, w.Number, w.Name }).ToListAsync(ct))
            .Select(w => (w.Id, w.Number, w.Name)).ToList();
}
