using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Packing;

/// <summary>
/// Staff's packing of a wave: ask for every town's packing slip (one work row per town, done in the background), and
/// mark the wave packed once every slip is ready and none is out of date. The packing page binds, calls and shows.
/// </summary>
public sealed class WavePacking(AppDbContext db, WorkQueue queue, CartonPlanner planner)
{
    /// <summary>
    /// Writes one work row per town of the wave (a town already asked for and not failed keeps its row), then queues
    /// them after the commit. Returns how many towns were asked for.
    /// </summary>
    public async Task<int> RequestSlipsAsync(int waveId, bool replaceConfirmed = false, CancellationToken ct = default)
    {
        var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId, ct)
            ?? throw new DomainException("Cette vague n'existe pas.", "Wave");
        wave.EnsureSlipsCanBeProduced();
        // Producing again replaces every PDF (and new cartons where the allocation changed): only on purpose.
        if (!replaceConfirmed && await db.WorkItems.AnyAsync(w => w.Group == PackingSlipWork.Group(waveId), ct))
        {
            throw new DomainException("Cochez la case pour confirmer que les bordereaux existants seront refaits.", "confirm");
        }
        var towns = await db.WaveTowns.Where(t => t.WaveId == waveId).Select(t => t.TownId).ToListAsync(ct);
        if (towns.Count == 0)
        {
            throw new DomainException("Cette vague ne compte aucune ville : ajoutez des villes avant de produire les bordereaux.", "Wave");
        }
        var items = await PackingSlipWork.RequestForWaveAsync(queue, db, waveId, towns, ct);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(items);
        return towns.Count;
    }

    /// <summary>Every town of the wave has a done slip with its stored PDF.</summary>
    public async Task<bool> AllSlipsReadyAsync(int waveId, CancellationToken ct = default)
    {
        var group = PackingSlipWork.Group(waveId);
        var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == waveId).Select(t => t.TownId).ToListAsync(ct);
        var done = await db.WorkItems.AsNoTracking().Where(w => w.Group == group && w.Status == WorkStatus.Done)
            .Select(w => w.Key).ToListAsync(ct);
        var documents = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.WaveId == waveId && d.TownId != null)
            .Select(d => d.TownId!.Value).ToListAsync(ct);
        return towns.Count > 0 && towns.All(t => done.Contains(PackingSlipWork.Key(waveId, t)) && documents.Contains(t));
    }

    /// <summary>
    /// Records that the wave is packed (audited through the wave): only when every slip is ready and every town's
    /// cartons still hold its allocation. Returns the wave's number.
    /// </summary>
    public async Task<int> MarkPackedAsync(int waveId, CancellationToken ct = default)
    {
        var wave = await db.Waves.SingleOrDefaultAsync(w => w.Id == waveId, ct)
            ?? throw new DomainException("Cette vague n'existe pas.", "Wave");
        if (!await AllSlipsReadyAsync(waveId, ct))
        {
            throw new DomainException("Tous les bordereaux de la vague ne sont pas prêts : la vague ne peut pas encore être marquée emballée.", "Wave");
        }
        var outOfDate = await planner.TownsOutOfDateAsync(waveId, ct);
        if (outOfDate.Count > 0)
        {
            throw new DomainException(
                $"La dotation a changé depuis les bordereaux de : {string.Join(", ", outOfDate)}. Produisez à nouveau les bordereaux avant de marquer la vague emballée.", "Wave");
        }
        wave.MoveTo(WaveStatus.Packed);
        await db.SaveChangesAsync(ct);
        return wave.Number;
    }
}
