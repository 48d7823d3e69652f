using MilleLivres.Core.Domain;

namespace MilleLivres.Core.PersonalData;

/// <summary>What replaces personal data. Nothing here can be traced back to the person.</summary>
public static class Anonymised
{
    public const string Text = "[anonymisé]";
    public const string Name = "Personne anonymisée";
    public const string AccountName = "Compte anonymisé";

    public static Contact Contact { get; } = new(Name, null, null);

    /// <summary>The placeholder address of an anonymised account: unique (Identity wants it), and undeliverable.</summary>
    public static string AccountEmail(string userId) => $"anonymise-{userId}@anonymise.invalid";

    public static bool SameEmail(string? stored, string email) =>
        !string.IsNullOrWhiteSpace(stored) && string.Equals(stored.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
}
