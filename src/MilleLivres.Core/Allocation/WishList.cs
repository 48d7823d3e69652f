using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Allocation;

/// <summary>What a town's wishes page shows, for staff and for the town's coordinator alike.</summary>
public sealed record WishListView(
    int WaveId, string WaveName, WaveStatus Status, string TownName, string? Search,
    IReadOnlyList<WishListView.TitleRow> Wishes, IReadOnlyList<WishListView.TitleRow> Results)
{
    /// <param name="Id">The wish id for the wishes, the title id for the search results.</param>
    public sealed record TitleRow(int Id, string Name, string Authors, string Isbn, string Band, int Available);

    /// <summary>Titles may be picked while the wave is being planned; afterwards the list is only shown.</summary>
    public bool Open => Status == WaveStatus.Planning;
}

/// <summary>
/// Reads a town's wishes in a wave and searches the catalogue for more (changes go through
/// <see cref="WavePlanning.AddWishAsync"/> and <see cref="WavePlanning.RemoveWishAsync"/>). Who may see which town is
/// the caller's check: staff any town, a coordinator only theirs.
/// </summary>
public sealed class WishList(AppDbContext db)
{
    public const int MaxResults = 30;

    public Task<bool> IsInWaveAsync(int waveId, int townId) =>
        db.WaveTowns.AnyAsync(wt => wt.WaveId == waveId && wt.TownId == townId);

    /// <summary>The town's wishes and the titles matching <paramref name="search"/>; null when the town is not in the wave.</summary>
    public async Task<WishListView?> ReadAsync(int waveId, int townId, string? search)
    {
        var header = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == waveId && wt.TownId == townId)
            .Select(wt => new { WaveName = wt.Wave.Name, wt.Wave.Status, TownName = wt.Town.Name })
            .SingleOrDefaultAsync();
        if (header is null)
        {
            return null;
        }
        var wishes = await db.TownWishes.AsNoTracking().Where(w => w.WaveId == waveId && w.TownId == townId)
            .OrderBy(w => w.Title.Name)
            .Select(w => new WishListView.TitleRow(w.Id, w.Title.Name, w.Title.Authors, w.Title.Isbn, w.Title.AgeBand.Name, w.Title.Available))
            .ToListAsync();
        IReadOnlyList<WishListView.TitleRow> results = [];
        var folded = StockList.NormalizeSearch(search);
        if (folded.Length > 0)
        {
            var pattern = $"%{folded.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            results = await db.Titles.AsNoTracking()
                .Where(t => EF.Functions.Like(t.SearchText, pattern, "\\")
                    && !db.TownWishes.Any(w => w.WaveId == waveId && w.TownId == townId && w.TitleId == t.Id))
                .OrderByDescending(t => t.Available > 0).ThenBy(t => t.Name)
                .Take(MaxResults)
                .Select(t => new WishListView.TitleRow(t.Id, t.Name, t.Authors, t.Isbn, t.AgeBand.Name, t.Available))
                .ToListAsync();
        }
        return new WishListView(waveId, header.WaveName, header.Status, header.TownName, search, wishes, results);
    }
}
