using MilleLivres.Core.Applications;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Apply;

/// <summary>
/// The public application form. The form's fields are <see cref="ApplicationForm"/>, whose rules live in Core
/// (one place, every error at once with its field); a nested copy here would only repeat its twenty fields.
/// </summary>
[AllowAnonymous]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(ValueCountLimit = 100, ValueLengthLimit = 8 * 1024, KeyLengthLimit = 100, MultipartBodyLengthLimit = MaxRequestBytes)]
public class IndexModel(ApplicationIntake intake, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The whole form fits in a few kilobytes; refuse bigger bodies before reading them.</summary>
    public const int MaxRequestBytes = 64 * 1024;
    public const string StatusTokenKey = "Apply.StatusToken";

    [BindProperty]
    public ApplicationForm Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people, so only robots fill it.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public IReadOnlyList<ApplicationIntake.AgeBandChoice> AgeBands { get; private set; } = [];

    public async Task OnGetAsync()
    {
        AgeBands = await intake.AgeBandsAsync();
        Input.Children = AgeBands.Select(b => new ApplicationForm.ChildrenEntry { AgeBandId = b.Id }).ToList();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrEmpty(Website))
        {
            // Answer as if it worked, so the robot learns nothing; store nothing.
            logger.LogWarning("Application form honeypot filled: submission dropped");
            return RedirectToPage("Confirmation");
        }
        AgeBands = await intake.AgeBandsAsync();
        // Binder messages are English and redundant: the form's own rules say everything, in French, per field.
        ModelState.Clear();
        foreach (var error in await intake.ValidateAsync(Input))
        {
            ModelState.AddModelError($"Input.{error.Field}", error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var (_, token) = await intake.SubmitAsync(Input);
            TempData[StatusTokenKey] = token;
            return RedirectToPage("Confirmation");
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(e);
            return Page();
        }
    }

    public string LabelOf(int ageBandId) => AgeBands.FirstOrDefault(b => b.Id == ageBandId)?.Label ?? "Tranche d'âge inconnue";
}
