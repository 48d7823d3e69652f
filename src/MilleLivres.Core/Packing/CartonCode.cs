using System.Security.Cryptography;

namespace MilleLivres.Core.Packing;

/// <summary>
/// A carton's code, short enough to read out on the phone: five characters and a check character, shown as "K7M-Q4X".
/// The alphabet leaves out 0/O, 1/I/L, U (read as V) and Z (written like 2), so no two characters sound or look alike.
/// It has 29 characters, a prime: with the weighted check character (weights 1..6 mod 29) any single wrong character
/// and any swap of two characters changes the sum, so it is caught.
/// </summary>
public static class CartonCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXY";
    public const int DataLength = 5;
    public const int Length = DataLength + 1;

    /// <summary>29^5 ≈ 20 million codes: collisions are rare, and <see cref="NewUniqueAsync"/> retries them.</summary>
    public static string New()
    {
        Span<char> chars = stackalloc char[DataLength];
        for (var i = 0; i < DataLength; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        var data = new string(chars);
        return data + CheckCharacter(data);
    }

    /// <summary>A new code that <paramref name="isTaken"/> (a look-up in the database) does not know yet.</summary>
    public static async Task<string> NewUniqueAsync(Func<string, CancellationToken, Task<bool>> isTaken, CancellationToken ct = default) =>
        (await NewUniqueSetAsync(1, async (candidates, token) => candidates.Single() is var code && await isTaken(code, token) ? [code] : [], ct))[0];

    /// <summary>
    /// <paramref name="count"/> new codes, distinct, none of which <paramref name="taken"/> (one look-up in the
    /// database for a whole set, returning the candidates it already knows) knows yet; the taken ones are drawn again.
    /// </summary>
    public static async Task<IReadOnlyList<string>> NewUniqueSetAsync(
        int count, Func<IReadOnlyCollection<string>, CancellationToken, Task<List<string>>> taken, CancellationToken ct = default)
    {
        var codes = new List<string>(count);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 100 && codes.Count < count; attempt++)
        {
            var candidates = new HashSet<string>(StringComparer.Ordinal);
            while (candidates.Count < count - codes.Count)
            {
                var code = New();
                if (!chosen.Contains(code))
                {
                    candidates.Add(code);
                }
            }
            var known = (await taken(candidates, ct)).ToHashSet(StringComparer.Ordinal);
            foreach (var code in candidates.Where(c => !known.Contains(c)))
            {
                codes.Add(code);
                chosen.Add(code);
            }
        }
        return codes.Count == count
            ? codes
            : throw new InvalidOperationException("No free carton codes after 100 attempts: the code space is nearly full.");
    }

    /// <summary>Codes as typed by people: lower case, spaces and dashes are accepted; O/I/L read as 0/1 are not guessed.</summary>
    public static string Normalize(string input) =>
        new(input.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    public static bool IsValid(string? input)
    {
        if (input is null)
        {
            return false;
        }
        var code = Normalize(input);
        return code.Length == Length
            && code.All(c => Alphabet.Contains(c))
            && CheckCharacter(code[..DataLength]) == code[DataLength];
    }

    /// <summary>"K7MQ4X" → "K7M-Q4X", easier to read out.</summary>
    public static string Display(string code)
    {
        var normalized = Normalize(code);
        return normalized.Length == Length ? $"{normalized[..3]}-{normalized[3..]}" : normalized;
    }

    internal static char CheckCharacter(string data)
    {
        // Sum of (position + 1) × value over the code, check included, is 0 mod 29; the check weighs 6, and 6 × 5 ≡ 1.
        var n = Alphabet.Length;
        var sum = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var value = Alphabet.IndexOf(data[i]);
            if (value < 0)
            {
                throw new ArgumentException($"'{data[i]}' is not a carton code character.", nameof(data));
            }
            sum += (i + 1) * value;
        }
        var check = (n - sum % n) % n * 5 % n;
        return Alphabet[check];
    }
}
