using System.Text.Json;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MilleLivres.Core.Work;

/// <summary>Puts a work row's id on the job queue (Hangfire in the web app). Call only after the row is committed.</summary>
public interface IWorkScheduler
{
    void Enqueue(long workItemId);
}

/// <summary>Does one kind of work. Must be safe to run twice for the same row: the second run changes nothing.</summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task HandleAsync(WorkItem item, CancellationToken ct);
}

/// <summary>Progress of a group of work rows, for a progress bar.</summary>
public sealed record WorkProgress(int Total, int Pending, int Running, int Done, int Failed, IReadOnlyList<WorkFailure> Failures)
{
    public bool IsFinished => Total > 0 && Pending == 0 && Running == 0;
}

public sealed record WorkFailure(long WorkItemId, string Key, string Payload, int Attempts, string? Error);

/// <summary>
/// Asking for background work. The pattern:
/// <code>
/// var items = queue.Request(db, kind, key, group, payload); // with the business change
/// await db.SaveChangesAsync();                              // one transaction
/// queue.Enqueue(items);                                     // after the commit
/// </code>
/// If the app stops between the commit and the job, <see cref="RecoverAsync"/> finds the row at the next start.
/// </summary>
public sealed class WorkQueue(AppDbContext db, IWorkScheduler scheduler, TimeProvider clock, ILogger<WorkQueue> logger)
{
    /// <summary>
    /// Adds the row for <paramref name="key"/> to <paramref name="context"/>, or sets the existing one to pending again
    /// if it is done or failed (see <see cref="WorkItem.Rerequest"/>); does not save.
    /// </summary>
    public async Task<WorkItem> RequestAsync(AppDbContext context, string kind, string key, string group, object payload, CancellationToken ct = default) =>
        (await RequestManyAsync(context, kind, group, [(key, payload)], ct))[0];

    /// <summary>
    /// <see cref="RequestAsync"/> for many keys of one kind and group: the rows that exist are read in one query, not
    /// one look-up per key (a wave's 80 slips asked for at once, issue 12 point 5). Does not save.
    /// </summary>
    public async Task<IReadOnlyList<WorkItem>> RequestManyAsync(AppDbContext context, string kind, string group,
        IReadOnlyList<(string Key, object Payload)> requests, CancellationToken ct = default)
    {
        var keys = requests.Select(r => r.Key).Distinct().ToList();
        var existing = context.ChangeTracker.Entries<WorkItem>().Select(e => e.Entity).Where(w => keys.Contains(w.Key))
            .ToDictionary(w => w.Key);
        var missing = keys.Where(k => !existing.ContainsKey(k)).ToList();
        foreach (var row in await context.Set<WorkItem>().Where(w => missing.Contains(w.Key)).ToListAsync(ct))
        {
            existing[row.Key] = row;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<WorkItem>();
        foreach (var (key, payload) in requests.DistinctBy(r => r.Key))
        {
            if (existing.TryGetValue(key, out var item))
            {
                item.Rerequest();
            }
            else
            {
                item = new WorkItem(kind, key, group, JsonSerializer.Serialize(payload), now);
                context.Add(item);
            }
            items.Add(item);
        }
        return items;
    }

    /// <summary>Queues the rows that are pending (the others are done, or being done).</summary>
    public void Enqueue(IEnumerable<WorkItem> items)
    {
        foreach (var item in items.Where(i => i.Status == WorkStatus.Pending))
        {
            scheduler.Enqueue(item.Id);
        }
    }

    /// <summary>Staff's "retry" button: a failed row becomes pending and is queued. False if it was not failed.</summary>
    public async Task<bool> RetryAsync(long workItemId, CancellationToken ct = default)
    {
        var item = await db.Set<WorkItem>().FirstOrDefaultAsync(w => w.Id == workItemId, ct);
        if (item is null || !item.Retry())
        {
            return false;
        }
        await db.SaveChangesAsync(ct);
        scheduler.Enqueue(item.Id);
        return true;
    }

    /// <summary>
    /// At start-up, and then every lease period: the job queue is in memory, so every row not finished is queued
    /// again. A running row whose lease has run out was cut off (its instance stopped without releasing it, or died),
    /// so it goes back to pending first; a running row whose lease is still current belongs to a live instance
    /// (two instances on one data folder) and is left alone.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        await ReclaimExpiredAsync(ct);
        var ids = await db.Set<WorkItem>().AsNoTracking().Where(w => w.Status == WorkStatus.Pending)
            .OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            scheduler.Enqueue(id);
        }
        if (ids.Count > 0)
        {
            logger.LogInformation("{Count} travaux en attente remis dans la file au démarrage.", ids.Count);
        }
        return ids.Count;
    }

    /// <summary>
    /// The periodic sweep: running rows whose lease has run out go back to pending and are queued here. Each row is
    /// taken back by one conditional UPDATE, so two instances sweeping at once take it once.
    /// </summary>
    public async Task<IReadOnlyList<long>> ReclaimExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Set<WorkItem>().AsNoTracking()
            .Where(w => w.Status == WorkStatus.Running && (w.LeaseExpiresAtUtc == null || w.LeaseExpiresAtUtc < now))
            .OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(ct);
        var reclaimed = new List<long>();
        foreach (var id in candidates)
        {
            var taken = await db.Set<WorkItem>()
                .Where(w => w.Id == id && w.Status == WorkStatus.Running && (w.LeaseExpiresAtUtc == null || w.LeaseExpiresAtUtc < now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.Status, WorkStatus.Pending)
                    .SetProperty(w => w.LeaseHolder, (string?)null)
                    .SetProperty(w => w.LeaseExpiresAtUtc, (DateTime?)null), ct);
            if (taken == 1)
            {
                reclaimed.Add(id);
                scheduler.Enqueue(id);
            }
        }
        if (reclaimed.Count > 0)
        {
            logger.LogWarning("{Count} travaux dont le bail a expiré repris et remis dans la file : {Ids}.", reclaimed.Count, string.Join(", ", reclaimed));
        }
        return reclaimed;
    }

    public async Task<WorkProgress> ProgressAsync(string group, CancellationToken ct = default)
    {
        var rows = await db.Set<WorkItem>().AsNoTracking().Where(w => w.Group == group)
            .Select(w => new { w.Id, w.Key, w.Payload, w.Status, w.Attempts, w.LastError })
            .ToListAsync(ct);
        return new WorkProgress(
            rows.Count,
            rows.Count(r => r.Status == WorkStatus.Pending),
            rows.Count(r => r.Status == WorkStatus.Running),
            rows.Count(r => r.Status == WorkStatus.Done),
            rows.Count(r => r.Status == WorkStatus.Failed),
            rows.Where(r => r.Status == WorkStatus.Failed).OrderBy(r => r.Id)
                .Select(r => new WorkFailure(r.Id, r.Key, r.Payload, r.Attempts, r.LastError)).ToList());
    }
}
