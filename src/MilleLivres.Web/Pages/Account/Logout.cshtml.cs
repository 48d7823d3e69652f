using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Account;

[AllowAnonymous]
[MilleLivres.Web.Hosting.RepeatableSubmission]
public class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp revokes every cookie issued before now, including one copied from this browser:
        // the stamp is checked on each request (IdentitySetup.SecurityStampValidation).
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        TempData["Success"] = "Vous êtes déconnecté·e.";
        return RedirectToPage("/Index");
    }
}
