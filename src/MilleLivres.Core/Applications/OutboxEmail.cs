namespace MilleLivres.Core.Applications;

public enum OutboxEmailKind
{
    /// <summary>The applicant's private status link. The sender issues a fresh link (tokens are not stored).</summary>
    ApplicationStatusLink = 0,
    /// <summary>The applicant is told of a decision; the mail points to the status page.</summary>
    ApplicationDecision = 1,
    /// <summary>The coordinator's invitation. The sender re-issues the invitation token (only its hash is stored).</summary>
    CoordinatorInvitation = 2,
    /// <summary>
    /// Staff resolved a receipt difference of the recipient's town (issue 14). Written by
    /// <see cref="Receipt.OutboxReceiptNotifications"/>; the mail's content is the sender's job (feature/mail).
    /// </summary>
    ReceiptDifferenceResolved = 3,
}

public enum OutboxEmailStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>
/// A mail that must be sent, written in the same transaction as the business change. The mail itself is the
/// notices work's job: it reads Pending rows, sends, and marks them Sent.
/// </summary>
public class OutboxEmail
{
    private OutboxEmail()
    {
    }

    public OutboxEmail(OutboxEmailKind kind, string recipient, DateTime createdAtUtc, TownApplication? application = null, CoordinatorInvitation? invitation = null)
    {
        Kind = kind;
        Recipient = recipient;
        CreatedAtUtc = createdAtUtc;
        Application = application;
        Invitation = invitation;
    }

    public int Id { get; private set; }
    public OutboxEmailKind Kind { get; private set; }
    public string Recipient { get; private set; } = string.Empty;
    public OutboxEmailStatus Status { get; private set; } = OutboxEmailStatus.Pending;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public int? TownApplicationId { get; private set; }
    public TownApplication? Application { get; private set; }
    public int? CoordinatorInvitationId { get; private set; }
    public CoordinatorInvitation? Invitation { get; private set; }

    public void MarkSent(DateTime nowUtc)
    {
        Status = OutboxEmailStatus.Sent;
        SentAtUtc = nowUtc;
    }
}
