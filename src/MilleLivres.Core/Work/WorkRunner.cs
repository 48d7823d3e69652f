using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Work;

/// <summary>
/// Runs one work row: claims it as a lease (pending → running, held by this instance until a time, in one conditional
/// UPDATE, so two deliveries of the same job cannot both run it), renews the lease while its handler runs, and marks
/// it done or failed with the reason. Never throws for a handler failure: the row holds the reason and staff retry it.
/// </summary>
public sealed class WorkRunner(
    AppDbContext db, IEnumerable<IWorkHandler> handlers, TimeProvider clock, WorkerInstance instance,
    IServiceScopeFactory scopes, IOptions<BackgroundJobsOptions> options, ILogger<WorkRunner> logger)
{
    public async Task<bool> RunAsync(long workItemId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = options.Value.Lease;
        var holder = instance.Name;
        var claimed = await db.Set<WorkItem>()
            .Where(w => w.Id == workItemId && w.Status == WorkStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, WorkStatus.Running)
                .SetProperty(w => w.Attempts, w => w.Attempts + 1)
                .SetProperty(w => w.StartedAtUtc, now)
                .SetProperty(w => w.LeaseHolder, holder)
                .SetProperty(w => w.LeaseExpiresAtUtc, now + lease), ct);
        if (claimed == 0)
        {
            logger.LogInformation("Travail {Id} : déjà fait, en cours ou introuvable ; rien à faire.", workItemId);
            return false;
        }

        var item = await db.Set<WorkItem>().AsNoTracking().SingleAsync(w => w.Id == workItemId, ct);
        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewWhileRunningAsync(workItemId, holder, lease, stopRenewing.Token);
        try
        {
            var handler = handlers.SingleOrDefault(h => h.Kind == item.Kind)
                ?? throw new InvalidOperationException($"Aucun traitement pour le type de travail « {item.Kind} ».");
            await handler.HandleAsync(item, ct);
            await StopAsync(stopRenewing, renewing);
            db.ChangeTracker.Clear();
            await Finish(workItemId, holder, WorkStatus.Done, null, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await StopAsync(stopRenewing, renewing);
            logger.LogWarning(e, "Travail {Id} ({Kind}) en échec.", workItemId, item.Kind);
            db.ChangeTracker.Clear();
            var reason = e is Domain.DomainException ? e.Message : $"{e.GetType().Name} : {e.Message}";
            await Finish(workItemId, holder, WorkStatus.Failed, reason[..Math.Min(reason.Length, WorkItem.ErrorMaxLength)], CancellationToken.None);
            return false;
        }
        catch (OperationCanceledException)
        {
            await StopAsync(stopRenewing, renewing);
            db.ChangeTracker.Clear();
            await Release(workItemId, holder);
            throw;
        }
        finally
        {
            await StopAsync(stopRenewing, renewing);
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task renewing)
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }
        await renewing;
    }

    /// <summary>
    /// Every third of the lease, pushes its end further, on a context of its own (the handler is using the runner's).
    /// A renewal that finds the row no longer held by this instance says so in the log; the handler's work stays
    /// safe to do twice, and the finish only writes a row this instance still holds.
    /// </summary>
    private async Task RenewWhileRunningAsync(long id, string holder, TimeSpan lease, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(lease / 3, clock, stop);
                await using var scope = scopes.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var until = clock.GetUtcNow().UtcDateTime + lease;
                var renewed = await context.Set<WorkItem>()
                    .Where(w => w.Id == id && w.Status == WorkStatus.Running && w.LeaseHolder == holder)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseExpiresAtUtc, until), stop);
                if (renewed == 0)
                {
                    logger.LogWarning("Travail {Id} : le bail n'est plus détenu par cette instance ({Holder}).", id, holder);
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A renewal that fails (the database busy for long) must not fail the job; the next one may succeed.
                logger.LogWarning(e, "Travail {Id} : renouvellement du bail impossible, nouvel essai.", id);
            }
        }
    }

    /// <summary>The app is stopping: the row goes back to pending at once, for this or another instance to run.</summary>
    private Task<int> Release(long id, string holder) =>
        db.Set<WorkItem>().Where(w => w.Id == id && w.Status == WorkStatus.Running && w.LeaseHolder == holder)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, WorkStatus.Pending)
                .SetProperty(w => w.LeaseHolder, (string?)null)
                .SetProperty(w => w.LeaseExpiresAtUtc, (DateTime?)null), CancellationToken.None);

    private Task<int> Finish(long id, string holder, WorkStatus status, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<WorkItem>().Where(w => w.Id == id && w.Status == WorkStatus.Running && w.LeaseHolder == holder)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, status)
                .SetProperty(w => w.LastError, error)
                .SetProperty(w => w.FinishedAtUtc, now)
                .SetProperty(w => w.LeaseHolder, (string?)null)
                .SetProperty(w => w.LeaseExpiresAtUtc, (DateTime?)null), ct);
    }
}
