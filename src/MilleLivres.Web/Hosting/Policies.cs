using MilleLivres.Core.Domain;

namespace MilleLivres.Web.Hosting;

/// <summary>Authorization policy names; one per page folder.</summary>
public static class Policies
{
    public const string Staff = "StaffOnly";
    public const string Coordinator = "CoordinatorOnly";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff));
        options.AddPolicy(Coordinator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Coordinator));
        // Everything needs sign-in unless a page says [AllowAnonymous].
        options.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
