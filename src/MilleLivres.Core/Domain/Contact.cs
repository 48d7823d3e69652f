namespace MilleLivres.Core.Domain;

/// <summary>An adult's professional contact. Personal data: collected only where the work needs it.</summary>
public sealed record Contact(string? Name, string? Email, string? Phone)
{
    public static Contact Empty { get; } = new(null, null, null);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone);

    public static Contact Of(string? name, string? email, string? phone) =>
        new(Clean(name), Clean(email), Clean(phone));

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
