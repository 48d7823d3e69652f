using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Waves;

/// <summary>
/// Which towns a wave serves: staff add a town (not in another open wave) or remove one while the wave is in
/// planning. A removed town that no other wave holds goes back to candidate. The wave decides; this looks things up.
/// </summary>
public sealed class WaveTowns(AppDbContext db)
{
    /// <summary>The other open wave a town belongs to, if any (a town is in one open wave at a time).</summary>
    public Task<Wave?> OtherOpenWaveOfAsync(int townId, int waveId, CancellationToken ct = default) =>
        db.Waves.Where(w => w.Id != waveId && w.Status != WaveStatus.Closed && w.Towns.Any(t => t.TownId == townId))
            .FirstOrDefaultAsync(ct);

    /// <summary>Adds the town and returns its name.</summary>
    public async Task<string> AddAsync(int waveId, int townId, CancellationToken ct = default)
    {
        var wave = await db.Waves.Include(w => w.Towns).SingleOrDefaultAsync(w => w.Id == waveId, ct)
            ?? throw new DomainException("Cette vague n'existe pas.");
        var town = await db.Towns.FindAsync([townId], ct)
            ?? throw new DomainException("Cette ville n'existe pas.", "TownId");
        wave.AddTown(town, await OtherOpenWaveOfAsync(town.Id, waveId, ct));
        await db.SaveChangesAsync(ct);
        return town.Name;
    }

    /// <summary>Removes the town and returns its name; it goes back to candidate when no other wave holds it.</summary>
    public async Task<string> RemoveAsync(int waveId, int townId, CancellationToken ct = default)
    {
        var wave = await db.Waves.Include(w => w.Towns).ThenInclude(t => t.Town).SingleOrDefaultAsync(w => w.Id == waveId, ct)
            ?? throw new DomainException("Cette vague n'existe pas.");
        var town = wave.Towns.SingleOrDefault(t => t.TownId == townId)?.Town;
        wave.RemoveTown(townId);
        if (town is not null && town.Status == TownStatus.Selected
            && !await db.WaveTowns.AnyAsync(w => w.TownId == townId && w.WaveId != waveId, ct))
        {
            town.SetStatus(TownStatus.Candidate);
        }
        await db.SaveChangesAsync(ct);
        return town?.Name ?? string.Empty;
    }
}
