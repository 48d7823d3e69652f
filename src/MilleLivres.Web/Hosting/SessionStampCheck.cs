using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// The session check of every signed-in request (ADR 0528): the account's security stamp, read alone by its primary
/// key, must equal the cookie's. Identity's own validator loaded the whole user, rebuilt the principal (roles, claims,
/// role claims: about five queries) and re-issued the cookie on every request. The cookie's principal is kept as it
/// was made at sign-in; that is safe because everything that changes what it says changes the stamp in the same
/// transaction: sign-out, erasure (new stamp, new name), and the one role change of an existing account (an invitation
/// accepted, which resets the password first). Sessions are still revoked at once, on every instance: the stamp is read
/// from the shared database on every request.
/// </summary>
public sealed class SessionStampCheck(AppDbContext db, IOptions<IdentityOptions> identity) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claims = identity.Value.ClaimsIdentity;
        var id = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (id is not null && !string.IsNullOrEmpty(stamp))
        {
            // Opened here and left open until the request's context is disposed: the page's own reads use the same
            // connection instead of taking another from the pool (on SQLite each open also registers EF's functions;
            // about 5 % of a cached page's CPU). Closed with the request as before.
            await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
            // Not an EF compiled query: one would keep the plan of the first provider it met, and tests run SQLite and
            // PostgreSQL hosts in one process.
            var current = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp)
                .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (string.Equals(current, stamp, StringComparison.Ordinal))
            {
                return;
            }
        }
        context.RejectPrincipal();
        await context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>().SignOutAsync();
    }
}
