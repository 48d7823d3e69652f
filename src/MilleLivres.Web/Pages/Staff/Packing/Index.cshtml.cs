using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Packing;

/// <summary>
/// A wave's packing slips: ask for them (one work row per town, done in the background), follow progress, retry
/// failures, download the PDFs. Server-rendered: a plain reload shows the truth; a small script refreshes it while open.
/// </summary>
public class IndexModel(AppDbContext db, WorkQueue queue, WavePacking packing) : PageModel
{
    public int WaveId { get; private set; }
    public string WaveName { get; private set; } = string.Empty;
    public WaveStatus WaveStatus { get; private set; }
    public bool CanProduceSlips { get; private set; }
    public bool AllocationEditable { get; private set; }
    public bool CartonsFrozen { get; private set; }

    /// <summary>Every town of the wave has a done slip (and a stored PDF): the wave can be marked packed (WavePacking decides).</summary>
    public bool AllSlipsReady { get; private set; }
    public WorkProgress Progress { get; private set; } = new(0, 0, 0, 0, 0, []);
    public IReadOnlyList<TownRow> Towns { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public sealed record TownRow(int TownId, string Name, WorkStatus? Status, string? Error, long? WorkItemId, long? DocumentId, int Cartons, int Books);

    public static string StatusText(WorkStatus? status) => status switch
    {
        WorkStatus.Pending => "En attente",
        WorkStatus.Running => "En cours",
        WorkStatus.Done => "Prêt",
        WorkStatus.Failed => "Échec",
        _ => "Non demandé",
    };

    public async Task<IActionResult> OnGetAsync(int waveId, CancellationToken ct) =>
        await LoadAsync(waveId, ct) ? Page() : NotFound();

    /// <summary>Counts for the script that refreshes the page while it is open.</summary>
    public async Task<IActionResult> OnGetProgressAsync(int waveId, CancellationToken ct)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == waveId, ct))
        {
            return NotFound();
        }
        var p = await queue.ProgressAsync(PackingSlipWork.Group(waveId), ct);
        return new JsonResult(new { p.Total, p.Pending, p.Running, p.Done, p.Failed, p.IsFinished });
    }

    /// <summary>
    /// Produces every town's slip; producing them again replaces every PDF, so it needs the confirmation box ticked
    /// (the form says what it will do: new cartons where the allocation changed, the same PDFs elsewhere).
    /// </summary>
    public async Task<IActionResult> OnPostProduceAsync(int waveId, bool confirm, CancellationToken ct)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == waveId, ct))
        {
            return NotFound();
        }
        try
        {
            var towns = await packing.RequestSlipsAsync(waveId, confirm, ct);
            Message = $"Production des bordereaux demandée pour {towns} ville(s).";
            return RedirectToPage(new { waveId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field == "confirm" ? "confirm" : string.Empty, e.Message);
            await LoadAsync(waveId, ct);
            return Page();
        }
    }

    /// <summary>Every town's slip is ready: staff record that the wave is packed (audited through the wave).</summary>
    public async Task<IActionResult> OnPostPackedAsync(int waveId, CancellationToken ct)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == waveId, ct))
        {
            return NotFound();
        }
        try
        {
            var number = await packing.MarkPackedAsync(waveId, ct);
            Message = $"La vague {number} est marquée « {WaveStatusText.Of(WaveStatus.Packed)} ».";
            return RedirectToPage(new { waveId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            await LoadAsync(waveId, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRetryAsync(int waveId, long workItemId, CancellationToken ct)
    {
        var group = PackingSlipWork.Group(waveId);
        if (!await db.WorkItems.AnyAsync(w => w.Id == workItemId && w.Group == group, ct))
        {
            return NotFound();
        }
        Message = await queue.RetryAsync(workItemId, ct)
            ? "Nouvel essai demandé."
            : "Ce bordereau n'est plus en échec : rien à relancer.";
        return RedirectToPage(new { waveId });
    }

    private async Task<bool> LoadAsync(int waveId, CancellationToken ct)
    {
        var wave = await db.Waves.AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId, ct);
        if (wave is null)
        {
            return false;
        }
        WaveId = wave.Id;
        WaveName = wave.Name;
        WaveStatus = wave.Status;
        CanProduceSlips = wave.CanProduceSlips;
        AllocationEditable = wave.AllocationEditable;
        CartonsFrozen = wave.CartonsFrozen;
        var group = PackingSlipWork.Group(waveId);
        Progress = await queue.ProgressAsync(group, ct);
        // Read after the progress: jobs only move forward, so a page that shows every slip finished also offers
        // « colis prêts » (read before, a job finishing in between gave a finished page without the button).
        AllSlipsReady = await packing.AllSlipsReadyAsync(waveId, ct);
        var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == waveId)
            .Select(t => new { t.TownId, t.Town.Name }).ToListAsync(ct);
        var work = await db.WorkItems.AsNoTracking().Where(w => w.Group == group)
            .Select(w => new { w.Id, w.Key, w.Status, w.LastError }).ToListAsync(ct);
        var documents = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.WaveId == waveId)
            .Select(d => new { d.Id, d.TownId }).ToListAsync(ct);
        var cartons = await db.Cartons.AsNoTracking().Where(c => c.WaveId == waveId)
            .GroupBy(c => c.TownId)
            .Select(g => new { TownId = g.Key, Cartons = g.Count(), Books = g.Sum(c => c.Lines.Sum(l => l.Quantity)) })
            .ToDictionaryAsync(c => c.TownId, ct);
        Towns = towns
            .OrderBy(t => t.Name, StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), ignoreCase: true))
            .Select(t =>
            {
                var row = work.FirstOrDefault(w => w.Key == PackingSlipWork.Key(waveId, t.TownId));
                var document = documents.FirstOrDefault(d => d.TownId == t.TownId);
                var packed = cartons.GetValueOrDefault(t.TownId);
                return new TownRow(t.TownId, t.Name, row?.Status, row?.LastError, row?.Id, document?.Id, packed?.Cartons ?? 0, packed?.Books ?? 0);
            })
            .ToList();
        return true;
    }
}
