using System.Security.Claims;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>
/// A coordinator picks the titles their own town wishes for, while the wave is in preparation. The same reading
/// (<see cref="WishList"/>) and changes (<see cref="WavePlanning"/>) as the staff page, for the user's own towns only.
/// </summary>
public class WishesModel(AppDbContext db, WishList wishList, WavePlanning planning) : PageModel
{
    /// <summary>The town's wishes and the search results, as both wishes pages show them.</summary>
    public WishListView List { get; private set; } = null!;

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

    public async Task<IActionResult> OnGetAsync(int id, int townId) =>
        await CoordinatesAsync(townId) && await LoadAsync(id, townId) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(int id, int townId) => ChangeAsync(id, townId, () => planning.AddWishAsync(id, townId, Input.TitleId), "Titre ajouté aux souhaits.");

    public Task<IActionResult> OnPostRemoveAsync(int id, int townId) => ChangeAsync(id, townId, () => planning.RemoveWishAsync(id, townId, Input.WishId), "Titre retiré des souhaits.");

    // Only the towns this user coordinates: any other town id is a 404.
    private Task<bool> CoordinatesAsync(int townId) =>
        db.TownIdsCoordinatedBy(User.FindFirstValue(ClaimTypes.NameIdentifier)).ContainsAsync(townId);

    private async Task<IActionResult> ChangeAsync(int id, int townId, Func<Task> change, string success)
    {
        if (!await CoordinatesAsync(townId) || !await wishList.IsInWaveAsync(id, townId))
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
        if (await wishList.ReadAsync(id, townId, Q) is not { } list)
        {
            return false;
        }
        List = list;
        return true;
    }
}
