namespace MilleLivres.Core.Applications;

public enum OutboxEmailKind
{
    /// <summary>The applicant's private status link. The sender issues a fresh link (tokens are not stored).</summary>
    ApplicationStatusLink = 0,
    /// <summary>The applicant is told of a decision; the mail points to the status page.</summary>
    ApplicationDecision = 1,
    /// <summary>The coordinator's invitation. The sender re-issues the invitation token (only its hash is stored).</summary>
    CoordinatorInvitation = 2,
    /// <summary>A fresh invitation link asked by staff (the previous one expired or was lost).</summary>
    InvitationRenewal = 3,
    /// <summary>The town's cartons left: dates, carrier, content, the packing slip and an .ics.</summary>
    DeliveryNotice = 4,
    /// <summary>The expected delivery day moved: what changed, with the updated .ics.</summary>
    DeliveryDateChanged = 5,
    /// <summary>No receipt confirmed some days after the expected delivery.</summary>
    ReceiptReminder = 6,
    /// <summary>
    /// Staff resolved a receipt difference of the recipient's town (issue 14). Written by
    /// <see cref="Receipt.OutboxReceiptNotifications"/>; the mail's content is the sender's job (feature/mail).
    /// </summary>
    ReceiptDifferenceResolved = 7,
    /// <summary>No distribution recorded 30, then 60 days after the delivery was received (<see cref="Mail.DistributionReminders"/>).</summary>
    DistributionReminder = 8,
    /// <summary>A replacement carton left on its own (issue 14): its dates, carrier, content, its own slip and an .ics.</summary>
    ReplacementNotice = 9,
}

public enum OutboxEmailStatus
{
    /// <summary>To send, at <see cref="OutboxEmail.NextAttemptAtUtc"/> or later.</summary>
    Pending = 0,
    Sent = 1,
    /// <summary>Refused for good (5xx) or given up after a day of transient failures; staff may resend.</summary>
    Failed = 2,
    /// <summary>Claimed by one sender until <see cref="OutboxEmail.ClaimedUntilUtc"/>.</summary>
    Sending = 3,
}

/// <summary>
/// A mail that must be sent, written in the same transaction as the business change (outbox). The sender
/// (<see cref="Mail.MailSender"/>) claims due rows, builds each message from the current state, sends it and records
/// the outcome. Personal data sits in clearly named columns (<see cref="Recipient"/>, <see cref="CopyTo"/>,
/// <see cref="Subject"/>, <see cref="TextBody"/>, <see cref="HtmlBody"/>) so that retention can blank them.
/// </summary>
public class OutboxEmail
{
    public const int SubjectMaxLength = 300;
    public const int ErrorMaxLength = 1000;
    public const int KeyMaxLength = 120;

    private OutboxEmail()
    {
    }

    public OutboxEmail(OutboxEmailKind kind, string recipient, DateTime createdAtUtc, TownApplication? application = null, CoordinatorInvitation? invitation = null)
    {
        Kind = kind;
        Recipient = recipient;
        CreatedAtUtc = createdAtUtc;
        NextAttemptAtUtc = createdAtUtc;
        RetryWindowStartUtc = createdAtUtc;
        Application = application;
        Invitation = invitation;
        MessageId = $"{Guid.NewGuid():N}@millelivres";
    }

    public int Id { get; private set; }
    public OutboxEmailKind Kind { get; private set; }

    /// <summary>The To address.</summary>
    public string Recipient { get; private set; } = string.Empty;

    /// <summary>A Cc address (the delivery contact when different from the coordinator), or null.</summary>
    public string? CopyTo { get; private set; }

    public OutboxEmailStatus Status { get; private set; } = OutboxEmailStatus.Pending;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public int? TownApplicationId { get; private set; }
    public TownApplication? Application { get; private set; }
    public int? CoordinatorInvitationId { get; private set; }
    public CoordinatorInvitation? Invitation { get; private set; }

    /// <summary>The town the mail is about (delivery mails, reminders), for the staff list and the coordinator's page.</summary>
    public int? TownId { get; private set; }
    public int? WaveId { get; private set; }
    public int? ShipmentId { get; private set; }

    /// <summary>The replacement carton a <see cref="OutboxEmailKind.ReplacementNotice"/> is about.</summary>
    public int? CartonId { get; private set; }

    /// <summary>Unique when set: asking twice for the same mail (a reminder job run twice) gives one row.</summary>
    public string? DeduplicationKey { get; private set; }

    /// <summary>What changed, for the date-change mail ("2026-12-02" → "2026-12-04"); free text otherwise.</summary>
    public string? Details { get; private set; }

    /// <summary>The Message-Id header (without angle brackets), fixed when the row is written: kept across retries.</summary>
    public string MessageId { get; private set; } = string.Empty;

    /// <summary>Filled when the message is built (at the first attempt): what staff preview. Links carrying a secret
    /// token are masked here; only the sent message has them.</summary>
    public string? Subject { get; private set; }
    public string? TextBody { get; private set; }
    public string? HtmlBody { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>Transient failures are retried for a day from here (creation, or staff's resend).</summary>
    public DateTime RetryWindowStartUtc { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? ClaimedUntilUtc { get; private set; }
    public string? ClaimToken { get; private set; }

    public static OutboxEmail About(OutboxEmailKind kind, string recipient, string? copyTo, DateTime nowUtc, int? townId, int? waveId, int? shipmentId,
        string? deduplicationKey = null, string? details = null, int? cartonId = null) =>
        new(kind, recipient, nowUtc)
        {
            CopyTo = string.IsNullOrWhiteSpace(copyTo) || string.Equals(copyTo.Trim(), recipient.Trim(), StringComparison.OrdinalIgnoreCase) ? null : copyTo.Trim(),
            TownId = townId,
            WaveId = waveId,
            ShipmentId = shipmentId,
            CartonId = cartonId,
            DeduplicationKey = deduplicationKey,
            Details = details,
        };

    /// <summary>Staff's "renvoyer": a failed mail goes back to pending, due now. False if it was not failed.</summary>
    public bool Resend(DateTime nowUtc)
    {
        if (Status != OutboxEmailStatus.Failed)
        {
            return false;
        }
        Status = OutboxEmailStatus.Pending;
        NextAttemptAtUtc = nowUtc;
        RetryWindowStartUtc = nowUtc;
        LastError = null;
        return true;
    }

    /// <summary>What the message said, for staff's preview (secret links masked).</summary>
    public void RecordContent(string subject, string textBody, string htmlBody)
    {
        Subject = subject.Length <= SubjectMaxLength ? subject : subject[..SubjectMaxLength];
        TextBody = textBody;
        HtmlBody = htmlBody;
    }

    public void MarkSent(DateTime nowUtc)
    {
        Status = OutboxEmailStatus.Sent;
        SentAtUtc = nowUtc;
        LastError = null;
        Release();
    }

    /// <summary>A transient failure: pending again, due at <paramref name="nextAttemptAtUtc"/>.</summary>
    public void RetryLater(string error, DateTime nextAttemptAtUtc)
    {
        Status = OutboxEmailStatus.Pending;
        LastError = Trim(error);
        NextAttemptAtUtc = nextAttemptAtUtc;
        Release();
    }

    /// <summary>A permanent failure (the server's 5xx reply), or transient ones for too long.</summary>
    public void MarkFailed(string error)
    {
        Status = OutboxEmailStatus.Failed;
        LastError = Trim(error);
        Release();
    }

    internal void CountAttempt() => Attempts++;

    private void Release()
    {
        ClaimToken = null;
        ClaimedUntilUtc = null;
    }

    private static string Trim(string s) => s.Length <= ErrorMaxLength ? s : s[..ErrorMaxLength];
}
