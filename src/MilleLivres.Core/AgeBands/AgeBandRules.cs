using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.AgeBands;

/// <summary>Age bands may change only while no wave has gone past planning: allocations are made per band.</summary>
public sealed class AgeBandRules(AppDbContext db)
{
    /// <summary>The French reason the bands are locked, or null when staff may edit them.</summary>
    public async Task<string?> WhyLockedAsync(CancellationToken ct = default)
    {
        // A wave leaves Planning only when its allocation is confirmed; closed historical waves (seeded from
        // 2020, before this tool) carry no allocation rows and do not lock the bands.
        var allocated = await db.Waves.AsNoTracking()
            .Where(w => w.Status != WaveStatus.Planning && w.Status != WaveStatus.Closed)
            .OrderBy(w => w.Number)
            .Select(w => (int?)w.Number)
            .FirstOrDefaultAsync(ct);
        return allocated is null
            ? null
            : $"Les tranches d'âge ne peuvent plus être modifiées : la vague {allocated} a des dotations réservées par tranche.";
    }
}
