using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace MilleLivres.Web.Hosting;

public static class IdentitySetup
{
    public const int PasswordMinLength = 12;
    public const int PasswordMaxLength = 128;
    public const int MaxFailedAccessAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often a sign-in cookie's security stamp is compared with the account's: on every request, so a sign-out
    /// (which changes the stamp) ends a copied cookie at once. One indexed read per signed-in request (ADR 0541), done by
    /// <see cref="SessionStampCheck"/>, which always checks (ADR 0528).
    /// </summary>
    public static readonly TimeSpan SecurityStampValidation = TimeSpan.Zero;

    /// <summary>Length is what makes a password strong: at least 12, at most 128, no composition rules (NIST SP 800-63B).</summary>
    public static void Configure(IdentityOptions o)
    {
        o.Password.RequiredLength = PasswordMinLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
        o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>Identity for the command line: users and roles, no cookies.</summary>
    public static IServiceCollection AddIdentityForTools(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddPasswordValidator<MaxLengthPasswordValidator>()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>();
        return services;
    }
}

public sealed class MaxLengthPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && password.Length > IdentitySetup.PasswordMaxLength
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Le mot de passe ne peut dépasser {IdentitySetup.PasswordMaxLength} caractères.",
            })
            : IdentityResult.Success);
}

public sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Le mot de passe doit contenir au moins {length} caractères." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"Un compte existe déjà pour {email}." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Un compte existe déjà pour {userName}." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"« {email} » n'est pas une adresse électronique valide." };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Ce lien n'est plus valable." };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Une erreur est survenue." };
}
