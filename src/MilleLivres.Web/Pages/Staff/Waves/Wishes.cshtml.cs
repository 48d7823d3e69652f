using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Waves;

/// <summary>The titles a town wished for in a wave, picked from the catalogue before allocation.</summary>
public class WishesModel(AppDbContext db, WavePlanning planning) : PageModel
{
    public const int MaxResults = 30;

    protected AppDbContext Db => db;

    /// <summary>Staff may pick for any town; the coordinator page narrows this to the user's own towns.</summary>
    protected virtual Task<bool> MayAccessAsync(int townId) => Task.FromResult(true);

    public int WaveId { get; private set; }
    public string WaveName { get; private set; } = string.Empty;
    public WaveStatus Status { get; private set; }
    public string TownName { get; private set; } = string.Empty;
    public IReadOnlyList<TitleRow> Wishes { get; private set; } = [];
    public IReadOnlyList<TitleRow> Results { get; private set; } = [];

    /// <summary>Search in the catalogue (ISBN, title, authors, publisher).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public WishInput Input { get; set; } = new();

    public sealed class WishInput
    {
        public int TitleId { get; set; }
        public int WishId { get; set; }
    }

    /// <param name="Id">The wish id for the wishes, the title id for the search results.</param>
    public sealed record TitleRow(int Id, string Name, string Authors, string Isbn, string Band, int Available);

    public async Task<IActionResult> OnGetAsync(int id, int townId) =>
        await MayAccessAsync(townId) && await LoadAsync(id, townId) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(int id, int townId) => ChangeAsync(id, townId, () => planning.AddWishAsync(id, townId, Input.TitleId), "Titre ajouté aux souhaits.");

    public Task<IActionResult> OnPostRemoveAsync(int id, int townId) => ChangeAsync(id, townId, () => planning.RemoveWishAsync(id, townId, Input.WishId), "Titre retiré des souhaits.");

    private async Task<IActionResult> ChangeAsync(int id, int townId, Func<Task> change, string success)
    {
        if (!await MayAccessAsync(townId) || !await db.WaveTowns.AnyAsync(wt => wt.WaveId == id && wt.TownId == townId))
        {
            return NotFound();
        }
        try
        {
            await change();
            TempData["Success"] = success;
            return RedirectToPage(new { id, townId, Q });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        await LoadAsync(id, townId);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, int townId)
    {
        var header = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == id && wt.TownId == townId)
            .Select(wt => new { WaveName = wt.Wave.Name, wt.Wave.Status, TownName = wt.Town.Name })
            .SingleOrDefaultAsync();
        if (header is null)
        {
            return false;
        }
        (WaveId, WaveName, Status, TownName) = (id, header.WaveName, header.Status, header.TownName);
        Wishes = await db.TownWishes.AsNoTracking().Where(w => w.WaveId == id && w.TownId == townId)
            .OrderBy(w => w.Title.Name)
            .Select(w => new TitleRow(w.Id, w.Title.Name, w.Title.Authors, w.Title.Isbn, w.Title.AgeBand.Name, w.Title.Available))
            .ToListAsync();
        var search = StockList.NormalizeSearch(Q);
        if (search.Length > 0)
        {
            var pattern = $"%{search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            Results = await db.Titles.AsNoTracking()
                .Where(t => EF.Functions.Like(t.SearchText, pattern, "\\")
                    && !db.TownWishes.Any(w => w.WaveId == id && w.TownId == townId && w.TitleId == t.Id))
                .OrderByDescending(t => t.Available > 0).ThenBy(t => t.Name)
                .Take(MaxResults)
                .Select(t => new TitleRow(t.Id, t.Name, t.Authors, t.Isbn, t.AgeBand.Name, t.Available))
                .ToListAsync();
        }
        return true;
    }
}
