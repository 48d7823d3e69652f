using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Applications;

/// <summary>
/// A single-use link for the coordinator of an accepted town to choose a password. Only the token's hash is kept.
/// </summary>
public class CoordinatorInvitation : IAudited
{
    private CoordinatorInvitation()
    {
    }

    public int Id { get; private set; }
    public int TownId { get; private set; }
    public Town Town { get; private set; } = null!;
    public int? TownApplicationId { get; private set; }
    public string Email { get; private set; } = string.Empty;
    public string? Name { get; private set; }
    public string TokenHash { get; private set; } = string.Empty;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? UsedAtUtc { get; private set; }
    public string? UserId { get; private set; }

    public static (CoordinatorInvitation Invitation, string Token) Issue(Town town, Contact coordinator, TownApplication? application, DateTime nowUtc, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(town);
        if (coordinator is null || !ApplicationRules.IsEmail(coordinator.Email))
        {
            throw new DomainException("La personne qui coordonne n'a pas d'adresse électronique valide : impossible de l'inviter.", "Coordinator");
        }
        if (validity <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(validity));
        }
        var token = SecretToken.New();
        var invitation = new CoordinatorInvitation
        {
            Town = town,
            TownId = town.Id,
            TownApplicationId = application?.Id,
            Email = coordinator.Email!.Trim(),
            Name = coordinator.Name,
            TokenHash = SecretToken.Hash(token),
            CreatedAtUtc = nowUtc,
            ExpiresAtUtc = nowUtc + validity,
        };
        return (invitation, token);
    }

    /// <summary>
    /// Replaces the token (the old link stops working) and restarts the validity: for the mail sender, which cannot
    /// recover a token from its hash, and for sending a fresh link after expiry.
    /// </summary>
    public string Renew(DateTime nowUtc, TimeSpan validity)
    {
        if (UsedAtUtc is not null)
        {
            throw new DomainException("Cette invitation a déjà servi : le compte existe.");
        }
        var token = SecretToken.New();
        TokenHash = SecretToken.Hash(token);
        ExpiresAtUtc = nowUtc + validity;
        return token;
    }

    public bool IsAnonymised => Email == PersonalData.Anonymised.Text;

    /// <summary>Forgets who was invited; an unused link stops working.</summary>
    public void Anonymise(DateTime nowUtc)
    {
        Email = PersonalData.Anonymised.Text;
        Name = null;
        if (ExpiresAtUtc > nowUtc)
        {
            ExpiresAtUtc = nowUtc;
        }
    }

    public bool IsUsableAt(DateTime nowUtc) => UsedAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>Why the link cannot be used any more, in French, or null when it can.</summary>
    public string? ProblemAt(DateTime nowUtc) =>
        UsedAtUtc is not null ? "Ce lien d'invitation a déjà servi. Connectez-vous avec le mot de passe choisi."
        : nowUtc >= ExpiresAtUtc ? "Ce lien d'invitation a expiré. Demandez-en un nouveau à l'équipe Biblionef."
        : null;

    public void MarkUsed(string userId, DateTime nowUtc)
    {
        if (ProblemAt(nowUtc) is { } problem)
        {
            throw new DomainException(problem);
        }
        UsedAtUtc = nowUtc;
        UserId = userId;
    }

    /// <summary>
    /// Records the account of an invitation already claimed (UsedAtUtc set by a conditional update, so that two
    /// concurrent uses cannot both succeed).
    /// </summary>
    internal void MarkUsedBy(string userId)
    {
        if (UsedAtUtc is null)
        {
            throw new InvalidOperationException("Claim the invitation before recording its user.");
        }
        UserId = userId;
    }
}
