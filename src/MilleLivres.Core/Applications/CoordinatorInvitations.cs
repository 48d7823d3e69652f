using MilleLivres.Core.Accounts;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Applications;

/// <summary>Turns a coordinator invitation into an account (or links the town to the coordinator's existing one).</summary>
public sealed class CoordinatorInvitations(AppDbContext db, UserAccounts accounts, UserManager<AppUser> users, TimeProvider clock)
{
    public const int PasswordMinLength = 12;
    public const int PasswordMaxLength = 128;

    public sealed record InvitationView(string Email, string? Name, string TownName, string? Problem);

    /// <summary>The invitation a token opens (with why it cannot be used, if so), or null for an unknown token.</summary>
    public async Task<InvitationView?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token))
        {
            return null;
        }
        var hash = SecretToken.Hash(token!);
        var invitation = await db.CoordinatorInvitations.AsNoTracking().Include(i => i.Town)
            .SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is null ? null
            : new InvitationView(invitation.Email, invitation.Name, invitation.Town.Name, invitation.ProblemAt(clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// Uses the invitation: the coordinator's account gets the chosen password and the town. Single use, even
    /// when two requests race: the row is claimed by a conditional update inside the transaction. Returns the user.
    /// </summary>
    public async Task<AppUser> AcceptAsync(string token, string? password, CancellationToken ct = default)
    {
        password ??= string.Empty;
        if (password.Length < PasswordMinLength)
        {
            throw new DomainException($"Le mot de passe doit contenir au moins {PasswordMinLength} caractères.", "Password");
        }
        if (password.Length > PasswordMaxLength)
        {
            throw new DomainException($"Le mot de passe ne peut dépasser {PasswordMaxLength} caractères.", "Password");
        }
        var hash = SecretToken.LooksValid(token) ? SecretToken.Hash(token) : string.Empty;
        var invitation = await db.CoordinatorInvitations.Include(i => i.Town).SingleOrDefaultAsync(i => i.TokenHash == hash, ct)
            ?? throw new DomainException("Ce lien d'invitation n'existe pas.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (invitation.ProblemAt(now) is { } problem)
        {
            throw new DomainException(problem);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.CoordinatorInvitations
            .Where(i => i.Id == invitation.Id && i.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAtUtc, now), ct);
        if (claimed == 0)
        {
            throw new DomainException("Ce lien d'invitation a déjà servi. Connectez-vous avec le mot de passe choisi.");
        }

        var user = await users.FindByEmailAsync(invitation.Email);
        if (user is null)
        {
            var created = await accounts.CreateAsync(invitation.Email, Roles.Coordinator, [invitation.Town.InseeCode], password, invitation.Name);
            user = (await users.FindByIdAsync(created.UserId))!;
        }
        else
        {
            if (await users.IsInRoleAsync(user, Roles.Staff))
            {
                throw new DomainException("Cette adresse est celle d'un compte de l'équipe Biblionef : demandez une invitation pour une autre adresse.");
            }
            var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
            if (!reset.Succeeded)
            {
                throw new DomainException(string.Join(" ", reset.Errors.Select(e => e.Description)), "Password");
            }
            if (!await users.IsInRoleAsync(user, Roles.Coordinator))
            {
                await users.AddToRoleAsync(user, Roles.Coordinator);
            }
            if (!await db.CoordinatorTowns.AnyAsync(c => c.UserId == user.Id && c.TownId == invitation.TownId, ct))
            {
                db.CoordinatorTowns.Add(new CoordinatorTown { UserId = user.Id, TownId = invitation.TownId });
            }
        }
        // Reload the state the conditional update wrote, then record who used it (audited).
        await db.Entry(invitation).ReloadAsync(ct);
        invitation.MarkUsedBy(user.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }
}
