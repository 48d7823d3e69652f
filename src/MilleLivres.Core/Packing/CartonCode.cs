using System.Security.Cryptography;

namespace MilleLivres.Core.Packing;

/// <summary>
/// A carton's code, short enough to read out on the phone: five characters and a check character, shown as "K7M-Q4X".
/// The alphabet leaves out 0/O, 1/I/L and U (read as V), so no two characters sound or look alike; the check character
/// (Luhn mod N) catches any single wrong character and any swap of two neighbours.
/// </summary>
public static class CartonCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int DataLength = 5;
    public const int Length = DataLength + 1;

    /// <summary>30^5 ≈ 24 million codes: collisions are rare, and <see cref="NewUniqueAsync"/> retries them.</summary>
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
    public static async Task<string> NewUniqueAsync(Func<string, CancellationToken, Task<bool>> isTaken, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var code = New();
            if (!await isTaken(code, ct))
            {
                return code;
            }
        }
        throw new InvalidOperationException("No free carton code after 100 attempts: the code space is nearly full.");
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
        // Luhn mod N, walking from the right, doubling every other value.
        var n = Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = data.Length - 1; i >= 0; i--)
        {
            var value = Alphabet.IndexOf(data[i]);
            if (value < 0)
            {
                throw new ArgumentException($"'{data[i]}' is not a carton code character.", nameof(data));
            }
            var addend = factor * value;
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        var remainder = sum % n;
        return Alphabet[(n - remainder) % n];
    }
}
