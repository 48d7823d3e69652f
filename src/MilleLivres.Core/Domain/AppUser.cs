using Microsoft.AspNetCore.Identity;

namespace MilleLivres.Core.Domain;

public static class Roles
{
    public const string Staff = "Staff";
    public const string Coordinator = "Coordinator";

    public static IReadOnlyList<string> All { get; } = [Staff, Coordinator];

    public static string French(string role) => role switch
    {
        Staff => "Équipe Biblionef",
        Coordinator => "Coordination de Cité éducative",
        _ => role,
    };
}

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>Set when the account was disabled and its personal fields replaced (retention or erasure).</summary>
    public DateTime? AnonymisedAtUtc { get; set; }
    public List<CoordinatorTown> CoordinatedTowns { get; } = [];
}

/// <summary>A coordinator's link to a town they coordinate. Every coordinator query filters through it.</summary>
public class CoordinatorTown
{
    public string UserId { get; set; } = string.Empty;
    public AppUser User { get; set; } = null!;
    public int TownId { get; set; }
    public Town Town { get; set; } = null!;
}
