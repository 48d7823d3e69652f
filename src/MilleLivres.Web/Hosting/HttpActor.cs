using System.Security.Claims;
using MilleLivres.Core.Auditing;

namespace MilleLivres.Web.Hosting;

/// <summary>The signed-in user, for the audit trail; anonymous visitors are "visiteur".</summary>
public sealed class HttpActor(IHttpContextAccessor accessor) : IActor
{
    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string Name => accessor.HttpContext?.User.Identity is { IsAuthenticated: true } identity
        ? identity.Name ?? "utilisateur"
        : accessor.HttpContext is null ? "système" : "visiteur";
}
