using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Packing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>The coordinator's deliveries: for each of their own towns and waves, the packing slip and the cartons.</summary>
public class DeliveryModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Delivery> Deliveries { get; private set; } = [];

    public sealed record Delivery(int TownId, string TownName, int WaveId, string WaveName, long? SlipId, string? SlipFileName, IReadOnlyList<CartonRow> Cartons);

    public sealed record CartonRow(int Number, int Count, string Code, int Books);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        // The coordinator's towns are the filter: nothing of another town is read.
        var towns = db.TownIdsCoordinatedBy(userId);
        var waves = db.WaveIdsWithConfirmedAllocation();
        var cartons = await db.Cartons.AsNoTracking()
            .Where(c => towns.Contains(c.TownId) && waves.Contains(c.WaveId))
            .Select(c => new { c.TownId, c.WaveId, c.Number, c.Count, c.Code, Books = c.Lines.Sum(l => l.Quantity) })
            .ToListAsync(ct);
        var slips = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.TownId != null && towns.Contains(d.TownId.Value) && d.WaveId != null && waves.Contains(d.WaveId.Value))
            .Select(d => new { TownId = d.TownId!.Value, WaveId = d.WaveId!.Value, d.Id, d.FileName })
            .ToListAsync(ct);
        var keys = cartons.Select(c => (c.TownId, c.WaveId)).Concat(slips.Select(s => (s.TownId, s.WaveId))).Distinct().ToList();
        var townIds = keys.Select(k => k.TownId).Distinct().ToList();
        var waveIds = keys.Select(k => k.WaveId).Distinct().ToList();
        var townNames = await db.Towns.AsNoTracking().Where(t => townIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var waveNames = await db.Waves.AsNoTracking().Where(w => waveIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => new { w.Name, w.Number }, ct);
        Deliveries = keys
            .OrderByDescending(k => waveNames[k.WaveId].Number).ThenBy(k => townNames[k.TownId])
            .Select(k =>
            {
                var slip = slips.FirstOrDefault(s => s.TownId == k.TownId && s.WaveId == k.WaveId);
                return new Delivery(k.TownId, townNames[k.TownId], k.WaveId, waveNames[k.WaveId].Name, slip?.Id, slip?.FileName,
                    cartons.Where(c => c.TownId == k.TownId && c.WaveId == k.WaveId).OrderBy(c => c.Number)
                        .Select(c => new CartonRow(c.Number, c.Count, c.Code, c.Books)).ToList());
            })
            .ToList();
    }
}
