using System.Security.Cryptography;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Accounts;

public sealed record CreatedUser(string UserId, string Email, string Role, string? GeneratedPassword);

/// <summary>Creates accounts for staff and coordinators. There is no public sign-up.</summary>
public sealed class UserAccounts(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), "Role");
            }
        }
    }

    /// <summary>
    /// Creates a user in a role. Coordinators name at least one town by INSEE code. When <paramref name="password"/>
    /// is null a strong one is generated and returned once. Everything is written in one transaction.
    /// </summary>
    public async Task<CreatedUser> CreateAsync(string email, string role, IReadOnlyCollection<string> townInseeCodes, string? password, string? displayName = null)
    {
        email = (email ?? string.Empty).Trim();
        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
        {
            throw new DomainException($"« {email} » n'est pas une adresse électronique valide.", "Email");
        }
        if (!Roles.All.Contains(role))
        {
            throw new DomainException($"Rôle inconnu « {role} » : choisir {string.Join(" ou ", Roles.All)}.", "Role");
        }
        if (role == Roles.Coordinator && townInseeCodes.Count == 0)
        {
            throw new DomainException("Un compte de coordination doit être rattaché à au moins une ville (--town CODE_INSEE).", "Towns");
        }
        if (role == Roles.Staff && townInseeCodes.Count > 0)
        {
            throw new DomainException("Un compte de l'équipe Biblionef n'est rattaché à aucune ville.", "Towns");
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new DomainException($"Un compte existe déjà pour {email}.", "Email");
        }
        var codes = townInseeCodes.Select(InseeCode.Parse).Distinct().ToList();
        var towns = await db.Towns.Where(t => codes.Contains(t.InseeCode)).ToListAsync();
        var unknown = codes.Except(towns.Select(t => t.InseeCode)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException($"Aucune ville avec le code INSEE {string.Join(", ", unknown)}.", "Towns");
        }

        var generated = password is null ? GeneratePassword() : null;
        await EnsureRolesAsync();
        // Joins the caller's transaction when there is one (the demo seeder writes everything in one).
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await users.CreateAsync(user, password ?? generated!), "Password");
        Check(await users.AddToRoleAsync(user, role), "Role");
        foreach (var town in towns)
        {
            db.CoordinatorTowns.Add(new CoordinatorTown { UserId = user.Id, TownId = town.Id });
        }
        await db.SaveChangesAsync();
        if (tx is not null)
        {
            await tx.CommitAsync();
        }
        return new CreatedUser(user.Id, email, role, generated);
    }

    /// <summary>20 characters from an unambiguous alphabet: about 115 bits.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)), field);
        }
    }
}
