using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MilleLivres.Core.Work;

/// <summary>
/// Runs one work row: claims it (pending → running, in one conditional UPDATE, so two deliveries of the same job
/// cannot both run it), calls its handler, and marks it done or failed with the reason. Never throws for a handler
/// failure: the row holds the reason and staff retry it.
/// </summary>
public sealed class WorkRunner(AppDbContext db, IEnumerable<IWorkHandler> handlers, TimeProvider clock, ILogger<WorkRunner> logger)
{
    public async Task<bool> RunAsync(long workItemId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<WorkItem>()
            .Where(w => w.Id == workItemId && w.Status == WorkStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, WorkStatus.Running)
                .SetProperty(w => w.Attempts, w => w.Attempts + 1)
                .SetProperty(w => w.StartedAtUtc, now), ct);
        if (claimed == 0)
        {
            logger.LogInformation("Travail {Id} : déjà fait, en cours ou introuvable ; rien à faire.", workItemId);
            return false;
        }

        var item = await db.Set<WorkItem>().AsNoTracking().SingleAsync(w => w.Id == workItemId, ct);
        try
        {
            var handler = handlers.SingleOrDefault(h => h.Kind == item.Kind)
                ?? throw new InvalidOperationException($"Aucun traitement pour le type de travail « {item.Kind} ».");
            await handler.HandleAsync(item, ct);
            db.ChangeTracker.Clear();
            await Finish(workItemId, WorkStatus.Done, null, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Travail {Id} ({Kind}) en échec.", workItemId, item.Kind);
            db.ChangeTracker.Clear();
            var reason = e is Domain.DomainException ? e.Message : $"{e.GetType().Name} : {e.Message}";
            await Finish(workItemId, WorkStatus.Failed, reason[..Math.Min(reason.Length, WorkItem.ErrorMaxLength)], CancellationToken.None);
            return false;
        }
    }

    private Task<int> Finish(long id, WorkStatus status, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<WorkItem>().Where(w => w.Id == id && w.Status == WorkStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, status)
                .SetProperty(w => w.LastError, error)
                .SetProperty(w => w.FinishedAtUtc, now), ct);
    }
}
