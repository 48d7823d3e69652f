using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.AgeBands;

/// <summary>Age bands may change only while no allocation uses them.</summary>
public sealed class AgeBandRules(AppDbContext db)
{
    /// <summary>The French reason the bands are locked, or null when staff may edit them.</summary>
    public async Task<string?> WhyLockedAsync(CancellationToken ct = default)
    {
        // Confirmed allocations are counted per band: once any exists, changing the bands would change their meaning.
        var allocated = await db.AllocationLines.AsNoTracking()
            .OrderBy(l => l.Wave.Number)
            .Select(l => (int?)l.Wave.Number)
            .FirstOrDefaultAsync(ct);
        return allocated is null
            ? null
            : $"Les tranches d'âge ne peuvent plus être modifiées : la vague {allocated} a des dotations réservées par tranche.";
    }
}
