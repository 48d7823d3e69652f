using System.Globalization;
using System.Text;

namespace MilleLivres.Core.Stock;

/// <summary>Folds text for matching: lower case, no accents (« Éditeur » and "editeur" are the same key).</summary>
public static class TextKey
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// A key whose ordinal order is a natural French order: case and accents ignored first (« Été » with "ete"),
    /// œ as "oe", punctuation ignored, numbers by value ("n° 2" before "n° 10"); accents only break ties ("cote" before
    /// "côte"). Stored beside the title so the stock list sorts in SQL, from an index.
    /// </summary>
    public static string NaturalSortKey(string? text)
    {
        var folded = Fold(text).Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal);
        var sb = new StringBuilder(folded.Length + 16);
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < folded.Length && char.IsAsciiDigit(folded[i]))
                {
                    i++;
                }
                var digits = folded[start..i].TrimStart('0');
                // Length first, then the digits: any number of digits sorts by value.
                sb.Append((char)('a' + Math.Min(digits.Length, 25))).Append(digits.Length == 0 ? "0" : digits);
                continue;
            }
            if (char.IsLetter(c))
            {
                sb.Append(c);
            }
            else if (char.IsWhiteSpace(c) && sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
            i++;
        }
        var primary = sb.ToString().Trim();
        var secondary = (text ?? string.Empty).Trim().ToLower(CultureInfo.GetCultureInfo("fr-FR"));
        return primary + "\u0001" + secondary;
    }

    /// <summary>Folded and reduced to letters and digits: header names ("Âge min." → "agemin").</summary>
    public static string Compact(string? text)
    {
        var folded = Fold(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
