namespace MilleLivres.Core.Submissions;

/// <summary>
/// The one-time key of the form being handled in this request (scoped). Set by the web layer before the page handler
/// runs; <see cref="SubmissionKeyInterceptor"/> writes it in the first transaction the request opens and tells
/// whether that transaction committed.
/// </summary>
public sealed class SubmissionScope
{
    private enum State { None, Pending, Written, Committed }

    private State _state;
    private Guid _transactionId;

    public string? Key { get; private set; }
    public string? ActorId { get; private set; }
    public string Form { get; private set; } = string.Empty;

    /// <summary>The key has to be written by the next transaction that starts.</summary>
    public bool NeedsWriting => _state is State.Pending or State.Written;

    /// <summary>The key was committed with the change: this request made the change.</summary>
    public bool Committed => _state == State.Committed;

    public void Begin(string key, string? actorId, string form)
    {
        Key = key;
        ActorId = actorId;
        Form = form.Length > FormSubmission.FormMaxLength ? form[..FormSubmission.FormMaxLength] : form;
        _state = State.Pending;
    }

    // A transaction that started after an earlier one wrote the key means the earlier one ended without committing
    // (rolled back or disposed): the key is written again, by this one.
    internal void WrittenIn(Guid transactionId)
    {
        _state = State.Written;
        _transactionId = transactionId;
    }

    internal void CommittedIn(Guid transactionId)
    {
        if (_state == State.Written && _transactionId == transactionId)
        {
            _state = State.Committed;
        }
    }
}

/// <summary>
/// A second post of a form whose key another request already wrote: nothing of this request was written. The web
/// layer answers with the first post's outcome. Not a <see cref="Domain.DomainException"/>: pages must not show it
/// as a form error.
/// </summary>
public sealed class DuplicateSubmissionException(string key)
    : Exception($"Form submission key {key} was already used.")
{
    public string Key { get; } = key;
}
