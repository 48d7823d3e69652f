using System.Security.Cryptography;
using System.Text;

namespace MilleLivres.Core.Applications;

/// <summary>
/// Unguessable tokens for private links. Only the SHA-256 of a token is stored: a copy of the database does not
/// give the links away. 32 random bytes is beyond guessing, so a plain (unsalted) hash is enough to look it up.
/// </summary>
public static class SecretToken
{
    /// <summary>256 bits, base64url: 43 characters, safe in a URL path.</summary>
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    /// <summary>Tokens we issue are exactly 43 base64url characters; anything else is not worth a query.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
