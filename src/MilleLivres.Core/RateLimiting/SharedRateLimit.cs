using System.Security.Cryptography;
using System.Text;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.RateLimiting;

/// <summary>The answer to one request: let through, or refused until the window ends.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// A fixed-window counter per client kept in the database, so every instance behind a load balancer counts the same
/// requests (ADR 0920). One counter row per (policy, client, window), taken with a guarded update
/// (<c>Count = Count + 1 WHERE Count &lt; limit</c>) or, for the window's first request, an insert that a concurrent
/// insert can only make fail on the primary key, after which the guarded update is tried again. Plain EF Core
/// statements: the same code runs on SQLite and PostgreSQL.
/// </summary>
public sealed class SharedRateLimit(AppDbContext db, TimeProvider clock)
{
    public async Task<RateLimitDecision> TryTakeAsync(string policy, string client, int permits, TimeSpan window, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - now.Ticks % window.Ticks, DateTimeKind.Utc);
        var end = start + window;
        var hash = HashOf(policy, client);
        var allowed = new RateLimitDecision(true, TimeSpan.Zero);
        var refused = new RateLimitDecision(false, end - now);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var taken = await db.Set<RateLimitWindow>()
                .Where(w => w.Policy == policy && w.ClientHash == hash && w.StartUtc == start && w.Count < permits)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Count, w => w.Count + 1), ct);
            if (taken == 1)
            {
                return allowed;
            }
            if (attempt == 1 || await db.Set<RateLimitWindow>().AnyAsync(w => w.Policy == policy && w.ClientHash == hash && w.StartUtc == start, ct))
            {
                return refused;
            }
            db.Add(new RateLimitWindow(policy, hash, start, end));
            try
            {
                await db.SaveChangesAsync(ct);
                return allowed;
            }
            catch (DbUpdateException e) when (e.InnerException is System.Data.Common.DbException inner && AppDbContext.IsUniqueViolation(inner))
            {
                // Another instance wrote the window's first request meanwhile: count on its row.
                db.ChangeTracker.Clear();
            }
        }
        return refused;
    }

    /// <summary>Deletes the counters of windows that are over; returns how many.</summary>
    public Task<int> DeleteEndedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<RateLimitWindow>().Where(w => w.EndUtc <= now).ExecuteDeleteAsync(ct);
    }

    /// <summary>The stored form of a client: the address itself is not kept.</summary>
    public static string HashOf(string policy, string client) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(policy + "\n" + client)));
}
