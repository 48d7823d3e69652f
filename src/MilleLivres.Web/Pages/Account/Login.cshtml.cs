using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Domain;
using MilleLivres.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Account;

[AllowAnonymous]
[MilleLivres.Web.Hosting.RepeatableSubmission]
public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, ILogger<LoginModel> logger) : PageModel
{
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, "Adresse ou mot de passe incorrect.");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserId} locked out after repeated failed sign-ins", user.Id);
            ModelState.AddModelError(string.Empty,
                $"Ce compte est verrouillé pendant {IdentitySetup.LockoutDuration.TotalMinutes:0} minutes après {IdentitySetup.MaxFailedAccessAttempts} essais infructueux.");
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "Adresse ou mot de passe incorrect.");
            return Page();
        }
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
