using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Stock;

public enum StockSort
{
    Name,
    Authors,
    Publisher,
    Isbn,
    AvailableDescending,
    OnHandDescending,
}

public sealed record StockListQuery(string? Search = null, int? AgeBandId = null, Genre? Genre = null, StockSort Sort = StockSort.Name, int Page = 1);

public sealed record StockListRow(int Id, string Isbn, string Name, string Authors, string Publisher, string AgeBand, Genre Genre, int OnHand, int Reserved, int Available);

/// <param name="Total">Titles that match; when <paramref name="HasMore"/>, only a lower bound: more titles match than were counted.</param>
/// <param name="HasMore">A search counted up to a cap (<see cref="StockList.SearchCountCap"/>) and found more.</param>
public sealed record StockListPage(IReadOnlyList<StockListRow> Rows, int Total, int Page, int PageSize, bool HasMore = false)
{
    /// <summary>Pages known to exist; one more may follow when <see cref="HasMore"/>.</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasNextPage => Page < PageCount || HasMore;
}

/// <summary>The stock list: one query for the page, one for the count. Counters are columns, so 500,000
/// movements cost nothing here; sort keys are indexed.</summary>
public static class StockList
{
    /// <summary>
    /// A search counts its matches only up to this many (or up to the page asked for, if further): a common word
    /// matches thousands of titles, and counting them all meant reading every title (ADR 0524).
    /// </summary>
    public const int SearchCountCap = 500;

    public static async Task<StockListPage> QueryAsync(AppDbContext db, StockListQuery query, int pageSize, CancellationToken ct = default) =>
        await QueryAsync(db, query, pageSize, SearchCountCap, ct);

    public static async Task<StockListPage> QueryAsync(AppDbContext db, StockListQuery query, int pageSize, int searchCountCap, CancellationToken ct = default)
    {
        var titles = db.Titles.AsNoTracking();
        var search = NormalizeSearch(query.Search);
        if (search.Length > 0)
        {
            // LIKE on both providers (the text and the search are folded alike): PostgreSQL's trigram index serves it.
            var pattern = "%" + EscapeLike(search) + "%";
            titles = titles.Where(t => EF.Functions.Like(t.SearchText, pattern, "\\"));
        }
        if (query.AgeBandId is { } band)
        {
            titles = titles.Where(t => t.AgeBandId == band);
        }
        if (query.Genre is { } genre)
        {
            titles = titles.Where(t => t.Genre == genre);
        }
        int total;
        var hasMore = false;
        if (search.Length > 0)
        {
            // Stops reading titles once it has seen one more than it will show: a common word is found in the
            // first few thousand rows. A rare word still reads every title, as before.
            var limit = (int)Math.Min(int.MaxValue - 1, Math.Max(searchCountCap, (long)Math.Max(1, query.Page) * pageSize));
            var ids = await titles.Select(t => t.Id).Take(limit + 1).ToListAsync(ct);
            total = ids.Count;
            if (total > limit)
            {
                total = limit;
                hasMore = true;
            }
            else
            {
                // Every match is known (a rare word read every title once): the page is read by id, not by a second scan.
                titles = db.Titles.AsNoTracking().Where(t => ids.Contains(t.Id));
            }
        }
        else
        {
            total = await titles.CountAsync(ct);
        }
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var ordered = query.Sort switch
        {
            StockSort.Authors => titles.OrderBy(t => t.Authors).ThenBy(t => t.Id),
            StockSort.Publisher => titles.OrderBy(t => t.Publisher).ThenBy(t => t.Id),
            StockSort.Isbn => titles.OrderBy(t => t.Isbn),
            StockSort.AvailableDescending => titles.OrderByDescending(t => t.Available).ThenBy(t => t.Id),
            StockSort.OnHandDescending => titles.OrderByDescending(t => t.OnHand).ThenBy(t => t.Id),
            // Every match known by id: sorting those few beats walking the SortKey index over every title to find them;
            // the concatenation keeps the order (same collation) and keeps the planner off that index.
            _ when search.Length > 0 && !hasMore => titles.OrderBy(t => t.SortKey + "").ThenBy(t => t.Id),
            _ => titles.OrderBy(t => t.SortKey).ThenBy(t => t.Id),
        };
        var rows = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(t => new StockListRow(t.Id, t.Isbn, t.Name, t.Authors, t.Publisher,
                t.AgeBand.MinAge + "-" + t.AgeBand.MaxAge + " ans", t.Genre, t.OnHand, t.Reserved, t.Available))
            .ToListAsync(ct);
        return new StockListPage(rows, total, page, pageSize, hasMore);
    }

    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>Folded like <see cref="Title.SearchText"/>; an ISBN typed with hyphens is searched as digits.</summary>
    public static string NormalizeSearch(string? search)
    {
        var s = TextKey.Fold(search?.Trim());
        var digits = s.Replace("-", "").Replace(" ", "");
        return digits.Length > 0 && digits.All(c => char.IsAsciiDigit(c) || c == 'x') ? digits : s;
    }
}

/// <summary>Sums over many titles: 64-bit, since each title may hold up to <see cref="StockLedger.MaxOnHand"/> copies.</summary>
public sealed record AgeBandStock(int AgeBandId, string Label, int Titles, long OnHand, long Reserved, long Available);

/// <summary>Stock per age band: what wave planning reads.</summary>
public static class StockSummary
{
    public static async Task<IReadOnlyList<AgeBandStock>> ByAgeBandAsync(AppDbContext db, CancellationToken ct = default)
    {
        var sums = await db.Titles.AsNoTracking()
            .GroupBy(t => t.AgeBandId)
            .Select(g => new { AgeBandId = g.Key, Titles = g.Count(), OnHand = g.Sum(t => (long)t.OnHand), Reserved = g.Sum(t => (long)t.Reserved), Available = g.Sum(t => (long)t.Available) })
            .ToDictionaryAsync(s => s.AgeBandId, ct);
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.MinAge).ToListAsync(ct);
        return bands.Select(b => sums.TryGetValue(b.Id, out var s)
                ? new AgeBandStock(b.Id, b.Label, s.Titles, s.OnHand, s.Reserved, s.Available)
                : new AgeBandStock(b.Id, b.Label, 0, 0, 0, 0))
            .ToList();
    }
}
