using Microsoft.Extensions.Logging;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Accounts;

/// <summary>
/// Checks an address and password for sign-in without telling an attacker anything: one outcome for every failure
/// (unknown address, wrong password, locked account), one password-hash computation whatever the case, and failed
/// attempts counted in the database before the password is looked at. An attempt first takes one of the
/// <see cref="LockoutOptions.MaxFailedAccessAttempts"/> slots with a conditional UPDATE; with none left the password
/// is not evaluated. So 20 parallel wrong passwords get at most 5 evaluations, as 20 sequential ones do.
/// </summary>
public sealed class PasswordCheck(AppDbContext db, ILookupNormalizer normalizer, IPasswordHasher<AppUser> hasher, IOptions<IdentityOptions> identity, TimeProvider clock,
    ILogger<PasswordCheck> logger)
{
    // A real hash of a random password, made with this host's hasher: verifying against it costs what a real check costs.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>The user when the address and password are right and the account is not locked; otherwise null.</summary>
    public async Task<AppUser?> CheckAsync(string email, string password, CancellationToken ct = default)
    {
        var normalized = normalizer.NormalizeEmail((email ?? string.Empty).Trim());
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user?.PasswordHash is null)
        {
            Decoy(password);
            return null;
        }
        var lockout = identity.Value.Lockout;
        var max = lockout.MaxFailedAccessAttempts;
        var now = clock.GetUtcNow();
        if (user.LockoutEnabled)
        {
            if (user.LockoutEnd is { } end && end > now)
            {
                Decoy(password);
                return null;
            }
            if (user.AccessFailedCount >= max && user.LockoutEnd is { } ended && ended <= now)
            {
                // The lock has run out: its slots are free again. Once only: the stamp changes with it.
                await db.Users.Where(u => u.Id == user.Id && u.ConcurrencyStamp == user.ConcurrencyStamp && u.AccessFailedCount >= max)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.AccessFailedCount, 0)
                        .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null)
                        .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
            }
            var reserved = await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount < max)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
            if (reserved == 0)
            {
                Decoy(password);
                return null;
            }
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? string.Empty);
        if (verdict is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded)
        {
            if (user.LockoutEnabled)
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), ct);
            }
            return user;
        }
        if (user.LockoutEnabled)
        {
            // This failure used the last slot: lock. The count stays at the maximum while locked, so no slot is left.
            var until = now.Add(lockout.DefaultLockoutTimeSpan);
            var locked = await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount >= max)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.LockoutEnd, until)
                    .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
            if (locked > 0)
            {
                // By account id only: no address in the logs (ADR 0701).
                logger.LogWarning("Account {UserId} locked out until {Until}", user.Id, until);
            }
        }
        return null;
    }

    private void Decoy(string? password) =>
        hasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password ?? string.Empty);
}
