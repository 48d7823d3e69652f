using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Accounts;
using MilleLivres.Core.Domain;
using MilleLivres.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Account;

[AllowAnonymous]
[MilleLivres.Web.Hosting.RepeatableSubmission]
public class LoginModel(PasswordCheck passwords, SignInManager<AppUser> signIn, UserManager<AppUser> users, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>The one message of every failure: an unknown address, a wrong password and a locked account look the same.</summary>
    public static readonly string FailureMessage =
        $"Adresse ou mot de passe incorrect. Après {IdentitySetup.MaxFailedAccessAttempts} essais infructueux, le compte est verrouillé pendant {IdentitySetup.LockoutDuration.TotalMinutes:0} minutes.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Cette adresse électronique n'est pas valide.")]
        [Display(Name = "Adresse électronique")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Indiquez votre mot de passe.")]
        [DataType(DataType.Password)]
        [StringLength(IdentitySetup.PasswordMaxLength, ErrorMessage = "Le mot de passe est trop long.")]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Rester connecté·e sur cet appareil")]
        public bool RememberMe { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await passwords.CheckAsync(Input.Email, Input.Password, ct);
        if (user is null)
        {
            logger.LogWarning("Failed sign-in");
            ModelState.AddModelError(string.Empty, FailureMessage);
            return Page();
        }
        await signIn.SignInAsync(user, Input.RememberMe);
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl);
        }
        var roles = await users.GetRolesAsync(user);
        return roles.Contains(Roles.Staff) ? RedirectToPage("/Staff/Index")
            : roles.Contains(Roles.Coordinator) ? RedirectToPage("/Coordinator/Index")
            : RedirectToPage("/Index");
    }
}
