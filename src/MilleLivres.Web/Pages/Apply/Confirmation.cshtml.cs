using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Apply;

[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ConfirmationModel : PageModel
{
    /// <summary>The private status link, shown once (the token is not stored, only its hash).</summary>
    public string? StatusUrl { get; private set; }

    public void OnGet()
    {
        if (TempData[IndexModel.StatusTokenKey] is string token)
        {
            StatusUrl = Url.Page("/Apply/Status", pageHandler: null, values: new { token }, protocol: Request.Scheme);
        }
    }
}
