using System.Text.RegularExpressions;

namespace MilleLivres.Core.Domain;

/// <summary>
/// The INSEE code of a French commune: five characters, digits, except Corsica whose codes start with 2A or 2B.
/// </summary>
public static partial class InseeCode
{
    [GeneratedRegex(@"^(?:\d{5}|2[AB]\d{3})$")]
    private static partial Regex Pattern();

    public static string Normalize(string? value) => (value ?? string.Empty).Trim().ToUpperInvariant();

    public static bool IsValid(string? value)
    {
        var code = Normalize(value);
        // 20xxx does not exist since 1976: Corsica is 2A/2B.
        return Pattern().IsMatch(code) && !code.StartsWith("20", StringComparison.Ordinal);
    }

    public static string Parse(string? value)
    {
        var code = Normalize(value);
        if (code.Length == 0)
        {
            throw new DomainException("Le code INSEE est obligatoire.", "InseeCode");
        }
        if (!IsValid(code))
        {
            throw new DomainException(
                $"« {code} » n'est pas un code INSEE valide : 5 chiffres, ou 2A/2B suivis de 3 chiffres pour la Corse.",
                "InseeCode");
        }
        return code;
    }
}
