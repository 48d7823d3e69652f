using System.Globalization;
using System.Text;

namespace MilleLivres.Core.Text;

/// <summary>Small rules of written French for names put into sentences.</summary>
public static class French
{
    /// <summary>
    /// Town names whose initial h is aspirated: no elision ("de Hautmont"). Every other h is taken as mute ("d'Hérouville").
    /// A short list is enough: a wrong guess reads oddly but stays understandable.
    /// </summary>
    private static readonly HashSet<string> AspiratedH = new(StringComparer.OrdinalIgnoreCase)
    {
        "Hautmont", "Hem", "Haguenau", "Hallennes-lez-Haubourdin", "Harnes", "Hasparren", "Hazebrouck", "Hellemmes", "Hénin-Beaumont", "Honfleur", "Houilles",
    };

    /// <summary>
    /// "de" before a name, with the elision and contractions of French: "d'Amiens", "d'Hérouville-Saint-Clair", "du Havre"
    /// (Le Havre), "des Mureaux" (Les Mureaux), "de La Seyne-sur-Mer", "de Lens".
    /// </summary>
    public static string De(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "de";
        }
        name = name.Trim();
        if (name.StartsWith("Le ", StringComparison.Ordinal))
        {
            return "du " + name[3..];
        }
        if (name.StartsWith("Les ", StringComparison.Ordinal))
        {
            return "des " + name[4..];
        }
        return StartsWithVowelSound(name) ? "d'" + name : "de " + name;
    }

    private static bool StartsWithVowelSound(string name)
    {
        var first = char.ToLowerInvariant(BaseLetter(name[0]));
        if (first == 'h')
        {
            var word = name.Split(' ')[0];
            return !AspiratedH.Contains(word) && !AspiratedH.Contains(name);
        }
        return first is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' || name[0] is 'Œ' or 'œ' or 'Æ' or 'æ';
    }

    private static char BaseLetter(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.FirstOrDefault(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark, c);
    }
}
