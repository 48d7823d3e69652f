namespace MilleLivres.Core.Work;

public enum WorkStatus
{
    Pending = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>
/// A piece of background work, written in the same transaction as the business change that asks for it (an outbox row).
/// The row, not the job queue, is the truth: the queue (Hangfire, in memory) is rebuilt from the pending rows at start-up.
/// <see cref="Key"/> is unique: asking twice for the same work gives the same row. Audited when asked for or retried
/// (who asked); the job's own status changes are bulk updates and leave no audit row.
/// </summary>
public class WorkItem : Domain.IAudited
{
    public const int KindMaxLength = 64;
    public const int KeyMaxLength = 200;
    public const int ErrorMaxLength = 2000;
    public const int LeaseHolderMaxLength = 200;

    private WorkItem()
    {
    }

    public WorkItem(string kind, string key, string group, string payload, DateTime nowUtc)
    {
        Kind = kind;
        Key = key;
        Group = group;
        Payload = payload;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }

    /// <summary>Which <see cref="IWorkHandler"/> does it, e.g. "packing-slip".</summary>
    public string Kind { get; private set; } = string.Empty;

    /// <summary>Idempotency key, unique across all work, e.g. "packing-slip:wave:3:town:12".</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>Rows shown together as one progress bar, e.g. "packing-slips:wave:3".</summary>
    public string Group { get; private set; } = string.Empty;

    /// <summary>JSON with the target ids; the handler looks the rest up.</summary>
    public string Payload { get; private set; } = string.Empty;

    public WorkStatus Status { get; private set; } = WorkStatus.Pending;
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }

    /// <summary>The app instance running the row (<see cref="WorkerInstance"/>); null unless running.</summary>
    public string? LeaseHolder { get; private set; }

    /// <summary>Until when the holder's claim stands; renewed while the job runs. Past it, recovery may take the row back.</summary>
    public DateTime? LeaseExpiresAtUtc { get; private set; }

    /// <summary>
    /// Asked again (e.g. the allocation changed): a failed or done row goes back to pending and is done again;
    /// a pending or running row is left alone, so a double click does not queue it twice.
    /// </summary>
    public bool Rerequest()
    {
        if (Status is WorkStatus.Pending or WorkStatus.Running)
        {
            return false;
        }
        Status = WorkStatus.Pending;
        return true;
    }

    /// <summary>Staff's retry: only a failed row goes back to pending.</summary>
    public bool Retry()
    {
        if (Status != WorkStatus.Failed)
        {
            return false;
        }
        Status = WorkStatus.Pending;
        return true;
    }
}
