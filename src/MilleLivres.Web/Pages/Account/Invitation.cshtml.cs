using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Account;

/// <summary>A coordinator opens the invitation link, chooses a password and lands on their town.</summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class InvitationModel(CoordinatorInvitations invitations, SignInManager<AppUser> signIn) : PageModel
{
    public CoordinatorInvitations.InvitationView Invitation { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        [StringLength(CoordinatorInvitations.PasswordMaxLength, MinimumLength = CoordinatorInvitations.PasswordMinLength,
            ErrorMessage = "Le mot de passe doit contenir entre {2} et {1} caractères.")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Required(ErrorMessage = "Saisissez le mot de passe une seconde fois.")]
        [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ?? Page();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (await LoadAsync(token) is { } notUsable)
        {
            return notUsable;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var user = await invitations.AcceptAsync(token, Input.Password);
            await signIn.SignInAsync(user, isPersistent: false);
            TempData["Success"] = "Votre compte est prêt. Bienvenue !";
            return RedirectToPage("/Coordinator/Index");
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
    }

    /// <summary>Null when the invitation can be used; otherwise the answer to give (404 unknown, 410 used or expired).</summary>
    private async Task<IActionResult?> LoadAsync(string token)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        var invitation = await invitations.FindAsync(token);
        if (invitation is null)
        {
            return NotFound();
        }
        Invitation = invitation;
        if (invitation.Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        return null;
    }
}
