using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff;

/// <summary>The staff home: the programme's figures that reconcile, completeness, and what needs attention (ADR 0800).</summary>
public class IndexModel(AppDbContext db, ProgrammeFigures figures) : PageModel
{
    public int TownCount { get; private set; }
    public int WaveCount { get; private set; }
    public int FailedMails => Figures.Attention.FailedMails;
    public IReadOnlyList<(int Id, int Number, string Name, WaveStatus Status, int Towns)> OpenWaves { get; private set; } = [];
    public ProgrammeFigures.Dashboard Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        TownCount = await db.Towns.CountAsync(ct);
        WaveCount = await db.Waves.CountAsync(ct);
        Figures = await figures.ComputeAsync(ct);
        OpenWaves = Figures.Waves.Where(w => w.Status != WaveStatus.Closed)
            .Select(w => (w.WaveId!.Value, w.Number!.Value, w.Name, w.Status!.Value, w.Towns)).ToList();
    }

    public static string WorkText(string kind) => kind switch
    {
        Core.Packing.PackingSlipWork.WorkKind => "bordereaux de colisage",
        Core.Receipt.ReplacementSlipWork.WorkKind => "bordereaux de remplacement",
        Core.Receipt.AcknowledgementWork.WorkKind => "accusés de réception",
        _ => kind,
    };
}
