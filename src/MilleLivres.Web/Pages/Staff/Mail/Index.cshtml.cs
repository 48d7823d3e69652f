using MilleLivres.Core.Applications;
using MilleLivres.Core.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MilleLivres.Web.Pages.Staff.Mail;

/// <summary>« Courriels »: every mail the app sends, its state, attempts and last error; resend a failed one.</summary>
public class IndexModel(MailOutbox outbox) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<MailOutbox.Row> Mails { get; private set; } = [];
    public OutboxEmailStatus? Status { get; private set; }
    public int FailedCount { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public static string KindText(OutboxEmailKind kind) => kind switch
    {
        OutboxEmailKind.ApplicationStatusLink => "Lien de suivi de candidature",
        OutboxEmailKind.ApplicationDecision => "Décision sur une candidature",
        OutboxEmailKind.CoordinatorInvitation => "Invitation",
        OutboxEmailKind.InvitationRenewal => "Nouvelle invitation",
        OutboxEmailKind.DeliveryNotice => "Avis de livraison",
        OutboxEmailKind.DeliveryDateChanged => "Changement de date de livraison",
        OutboxEmailKind.ReceiptReminder => "Relance de réception",
        OutboxEmailKind.ReceiptDifferenceResolved => "Écart de réception résolu",
        OutboxEmailKind.DistributionReminder => "Relance de distribution",
        OutboxEmailKind.ReplacementNotice => "Avis de livraison d’un carton de remplacement",
        _ => kind.ToString(),
    };

    public static string StatusText(OutboxEmailStatus status) => status switch
    {
        OutboxEmailStatus.Pending => "En attente",
        OutboxEmailStatus.Sending => "En cours d'envoi",
        OutboxEmailStatus.Sent => "Envoyé",
        OutboxEmailStatus.Failed => "Échec",
        _ => status.ToString(),
    };

    public async Task OnGetAsync(OutboxEmailStatus? status, CancellationToken ct)
    {
        Status = status is { } s && Enum.IsDefined(s) ? s : null;
        Mails = await outbox.ListAsync(Status, PageSize, ct);
        FailedCount = await outbox.FailedCountAsync(ct);
    }

    public async Task<IActionResult> OnPostResendAsync(int id, CancellationToken ct)
    {
        if (await outbox.FindAsync(id, ct) is null)
        {
            return NotFound();
        }
        Message = await outbox.ResendAsync(id, ct)
            ? "Le courriel est remis dans la file d'envoi."
            : "Ce courriel n'est pas en échec : rien à renvoyer.";
        return RedirectToPage();
    }
}
