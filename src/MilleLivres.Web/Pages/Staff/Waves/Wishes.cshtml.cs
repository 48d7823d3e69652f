using MilleLivres.Core.Allocation;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Staff.Waves;

/// <summary>The titles a town wished for in a wave, picked from the catalogue before allocation (staff: any town).</summary>
public class WishesModel(WishList wishList, WavePlanning planning) : PageModel
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

    public async Task<IActionResult> OnGetAsync(int id, int townId) => await LoadAsync(id, townId) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(int id, int townId) => ChangeAsync(id, townId, () => planning.AddWishAsync(id, townId, Input.TitleId), "Titre ajouté aux souhaits.");

    public Task<IActionResult> OnPostRemoveAsync(int id, int townId) => ChangeAsync(id, townId, () => planning.RemoveWishAsync(id, townId, Input.WishId), "Titre retiré des souhaits.");

    private async Task<IActionResult> ChangeAsync(int id, int townId, Func<Task> change, string success)
    {
        if (!await wishList.IsInWaveAsync(id, townId))
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
