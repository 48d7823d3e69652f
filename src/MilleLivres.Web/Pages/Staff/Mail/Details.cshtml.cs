using MilleLivres.Core.Applications;
using MilleLivres.Core.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Staff.Mail;

/// <summary>One mail: its state and the text it carried (private links masked). Built when first sent.</summary>
public class DetailsModel(MailOutbox outbox) : PageModel
{
    public OutboxEmail Mail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var mail = await outbox.FindAsync(id, ct);
        if (mail is null)
        {
            return NotFound();
        }
        Mail = mail;
        return Page();
    }
}
