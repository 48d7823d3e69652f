using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Submissions;

/// <summary>What a first submission left for a second one with the same key.</summary>
public sealed record SubmissionOutcome(string? ActorId, bool Completed, string? RedirectTo, string? ProtectedNotices);

/// <summary>
/// Reads and completes <see cref="FormSubmission"/> rows. Use it from a scope of its own (no form key), so its own
/// transactions do not write a key. See ADR 0500.
/// </summary>
public sealed class FormSubmissions(AppDbContext db, TimeProvider clock)
{
    /// <summary>How long the first post's notices (possibly a private link) are kept for a late second post.</summary>
    public static readonly TimeSpan NoticesKeptFor = TimeSpan.FromHours(1);

    /// <summary>
    /// The submission under <paramref name="key"/>, if any. Read inside a write transaction: on SQLite that waits for
    /// a writer in progress (maybe the first post), so a committed first post is always seen.
    /// </summary>
    public async Task<SubmissionOutcome?> FindAsync(string key, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var found = await ReadAsync(key, ct);
        await transaction.RollbackAsync(ct);
        return found;
    }

    /// <summary>
    /// Waits (polling) until the first post under <paramref name="key"/> has recorded its outcome, at most
    /// <paramref name="timeout"/>; returns what is there by then.
    /// </summary>
    public async Task<SubmissionOutcome?> WaitForOutcomeAsync(string key, TimeSpan timeout, CancellationToken ct = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = await ReadAsync(key, ct);
            if (found is null || found.Completed || watch.Elapsed > timeout)
            {
                return found;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    /// <summary>Records the first post's outcome, and erases notices older than <see cref="NoticesKeptFor"/>.</summary>
    public async Task CompleteAsync(string key, string? redirectTo, string? protectedNotices, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (redirectTo is { Length: > FormSubmission.RedirectMaxLength })
        {
            redirectTo = null;
        }
        await db.FormSubmissions.Where(s => s.Key == key)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.CompletedAtUtc, now)
                .SetProperty(s => s.RedirectTo, redirectTo)
                .SetProperty(s => s.ProtectedNotices, protectedNotices), ct);
        var old = now - NoticesKeptFor;
        await db.FormSubmissions.Where(s => s.ProtectedNotices != null && s.CompletedAtUtc < old)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ProtectedNotices, (string?)null), ct);
    }

    private Task<SubmissionOutcome?> ReadAsync(string key, CancellationToken ct) =>
        db.FormSubmissions.AsNoTracking().Where(s => s.Key == key)
            .Select(s => new SubmissionOutcome(s.ActorId, s.CompletedAtUtc != null, s.RedirectTo, s.ProtectedNotices))
            .FirstOrDefaultAsync(ct);
}
