using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Reporting;
using MilleLivres.Core.Work;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Reports;

/// <summary>
/// « Rapport de la vague N » (ADR 0842): staff type an optional introduction and ask for a new version, produced in
/// the background (progress shown, refreshed by work-progress.js, a reload shows the same); every version stays
/// downloadable with its number and date.
/// </summary>
public class WaveModel(AppDbContext db, WaveReports reports, WorkQueue queue) : PageModel
{
    public int WaveId { get; private set; }
    public int WaveNumber { get; private set; }
    public string WaveName { get; private set; } = string.Empty;
    public IReadOnlyList<WaveReports.Version> Versions { get; private set; } = [];
    public WorkProgress Progress { get; private set; } = new(0, 0, 0, 0, 0, []);

    [BindProperty]
    [Display(Name = "Introduction (facultative)")]
    [StringLength(WaveReports.IntroductionMaxLength, ErrorMessage = "L'introduction ne peut dépasser {1} caractères.")]
    public string? Introduction { get; set; }

    [TempData]
    public string? Message { get; set; }

    public static string StatusText(WorkStatus status) => status switch
    {
        WorkStatus.Pending => "En attente",
        WorkStatus.Running => "En cours de production",
        WorkStatus.Done => "Prêt",
        WorkStatus.Failed => "Échec",
        _ => status.ToString(),
    };

    public async Task<IActionResult> OnGetAsync(int waveId, CancellationToken ct) =>
        await LoadAsync(waveId, ct) ? Page() : NotFound();

    /// <summary>Counts for the script that refreshes the page while a version is being produced.</summary>
    public async Task<IActionResult> OnGetProgressAsync(int waveId, CancellationToken ct)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == waveId, ct))
        {
            return NotFound();
        }
        var p = await queue.ProgressAsync(WaveReportWork.Group(waveId), ct);
        return new JsonResult(new { p.Total, p.Pending, p.Running, p.Done, p.Failed, p.IsFinished });
    }

    public async Task<IActionResult> OnPostProduceAsync(int waveId, CancellationToken ct)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == waveId, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(waveId, ct);
            return Page();
        }
        try
        {
            var version = await reports.RequestAsync(waveId, Introduction, ct);
            Message = $"Production de la version {version} du rapport demandée : elle apparaîtra ci-dessous dès qu'elle sera prête.";
            return RedirectToPage(new { waveId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field ?? string.Empty, e.Message);
            await LoadAsync(waveId, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRetryAsync(int waveId, long workItemId, CancellationToken ct)
    {
        var group = WaveReportWork.Group(waveId);
        if (!await db.WorkItems.AnyAsync(w => w.Id == workItemId && w.Group == group, ct))
        {
            return NotFound();
        }
        Message = await queue.RetryAsync(workItemId, ct)
            ? "Nouvel essai demandé."
            : "Cette version n'est plus en échec : rien à relancer.";
        return RedirectToPage(new { waveId });
    }

    private async Task<bool> LoadAsync(int waveId, CancellationToken ct)
    {
        var wave = await db.Waves.AsNoTracking().Where(w => w.Id == waveId).Select(w => new { w.Id, w.Number, w.Name }).FirstOrDefaultAsync(ct);
        if (wave is null)
        {
            return false;
        }
        (WaveId, WaveNumber, WaveName) = (wave.Id, wave.Number, wave.Name);
        Progress = await queue.ProgressAsync(WaveReportWork.Group(waveId), ct);
        Versions = await reports.VersionsAsync(waveId, ct);
        return true;
    }
}
