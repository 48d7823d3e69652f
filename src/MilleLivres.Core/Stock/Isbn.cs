using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Stock;

/// <summary>
/// ISBN rules. Hyphens, spaces and an "ISBN" prefix are accepted; ISBN-10 is converted; the stored form is always
/// the 13 digits of the ISBN-13 (what a scanner reads from the barcode).
/// </summary>
public static class Isbn
{
    public const string Field = "Isbn";

    public static string Parse(string? input) =>
        TryParse(input, out var isbn, out var error) ? isbn : throw new DomainException(error!, Field);

    public static bool TryParse(string? input, out string isbn13, out string? error)
    {
        isbn13 = string.Empty;
        var raw = (input ?? string.Empty).Trim();
        if (raw.StartsWith("ISBN", StringComparison.OrdinalIgnoreCase))
        {
            raw = raw[4..].TrimStart(' ', ':', '-');
            if (raw.StartsWith("-10", StringComparison.Ordinal) || raw.StartsWith("-13", StringComparison.Ordinal))
            {
                raw = raw[3..].TrimStart(' ', ':');
            }
        }
        if (raw.Length == 0)
        {
            error = "L'ISBN est obligatoire.";
            return false;
        }
        Span<char> chars = stackalloc char[raw.Length];
        var n = 0;
        foreach (var c in raw)
        {
            if (c is '-' or ' ' or '\u2010' or '\u2011' or '\u2013')
            {
                continue;
            }
            if (char.IsAsciiDigit(c) || c is 'X' or 'x')
            {
                chars[n++] = char.ToUpperInvariant(c);
                continue;
            }
            error = $"« {raw} » n'est pas un ISBN : seuls les chiffres, les tirets et X (clé d'un ISBN-10) sont admis.";
            return false;
        }
        var digits = new string(chars[..n]);
        var xAt = digits.IndexOf('X');
        if (xAt >= 0 && (digits.Length != 10 || xAt != 9))
        {
            error = $"« {raw} » n'est pas un ISBN : X n'est admis que comme dernier caractère d'un ISBN-10.";
            return false;
        }
        if (digits.Length == 10)
        {
            var expected = Isbn10CheckDigit(digits.AsSpan(0, 9));
            if (digits[9] != expected)
            {
                error = $"ISBN « {raw} » refusé : la clé de contrôle devrait être {expected} et non {digits[9]} (erreur de saisie ?).";
                return false;
            }
            var body = "978" + digits[..9];
            isbn13 = body + Isbn13CheckDigit(body);
            error = null;
            return true;
        }
        if (digits.Length == 13)
        {
            if (!digits.StartsWith("978", StringComparison.Ordinal) && !digits.StartsWith("979", StringComparison.Ordinal))
            {
                error = $"« {raw} » n'est pas un ISBN : un ISBN-13 commence par 978 ou 979.";
                return false;
            }
            var expected = Isbn13CheckDigit(digits.AsSpan(0, 12));
            if (digits[12] != expected)
            {
                error = $"ISBN « {raw} » refusé : la clé de contrôle devrait être {expected} et non {digits[12]} (erreur de saisie ?).";
                return false;
            }
            isbn13 = digits;
            error = null;
            return true;
        }
        error = $"« {raw} » n'est pas un ISBN : il faut 10 ou 13 chiffres, il y en a {digits.Length}.";
        return false;
    }

    /// <summary>Weights 10 down to 2, sum modulo 11; 10 is written X.</summary>
    public static char Isbn10CheckDigit(ReadOnlySpan<char> nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (10 - i) * (nine[i] - '0');
        }
        var check = (11 - sum % 11) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>Weights alternate 1 and 3, modulo 10.</summary>
    public static char Isbn13CheckDigit(ReadOnlySpan<char> twelve)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (i % 2 == 0 ? 1 : 3) * (twelve[i] - '0');
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>978-2-07-054602-7 style display is publisher-specific; we show plain groups of digits.</summary>
    public static string Display(string isbn13) => isbn13.Length == 13 ? $"{isbn13[..3]}-{isbn13[3..12]}-{isbn13[12]}" : isbn13;
}
