using System.Security.Claims;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>A coordinator picks the titles their own town wishes for, while the wave is in preparation.</summary>
public class WishesModel(AppDbContext db, WavePlanning planning) : Staff.Waves.WishesModel(db, planning)
{
    // Only the towns this user coordinates: any other town id is a 404.
    protected override Task<bool> MayAccessAsync(int townId)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return Db.TownIdsCoordinatedBy(userId).ContainsAsync(townId);
    }
}
