namespace MilleLivres.Core.Submissions;

/// <summary>
/// One submission of a state-changing form, under the one-time key the form carried (ADR 0500). The row is written
/// in the same transaction as the change the form made, under a unique key: a second post with the same key cannot
/// change anything again, and is answered with the first one's outcome (<see cref="RedirectTo"/> and its notices).
/// </summary>
public class FormSubmission
{
    public const int KeyMinLength = 16;
    public const int KeyMaxLength = 64;
    public const int FormMaxLength = 200;
    public const int RedirectMaxLength = 2000;

    private FormSubmission()
    {
    }

    public long Id { get; private set; }

    /// <summary>The random key rendered in the form (hidden field <c>__SubmissionKey</c>).</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>Who posted (null for the public form): a key is only replayed to the same person.</summary>
    public string? ActorId { get; private set; }

    /// <summary>The page path the form was posted to.</summary>
    public string Form { get; private set; } = string.Empty;

    public DateTime AtUtc { get; private set; }

    /// <summary>Set once the first post's outcome is known; a second post waits for it.</summary>
    public DateTime? CompletedAtUtc { get; private set; }

    /// <summary>Where the first post sent the user (null: back to the form's page).</summary>
    public string? RedirectTo { get; private set; }

    /// <summary>
    /// The first post's notices (TempData strings), encrypted with data protection: they may hold a private link.
    /// Erased after <see cref="FormSubmissions.NoticesKeptFor"/>; the key itself is kept, so the form stays spent.
    /// </summary>
    public string? ProtectedNotices { get; private set; }
}
