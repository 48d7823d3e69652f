namespace MilleLivres.Core.Reporting;

/// <summary>
/// The département of a commune, read from its INSEE code (ADR 0820): the first two characters (2A/2B for Corsica),
/// three for the overseas départements (97x).
/// </summary>
public static class DepartementCodes
{
    /// <summary>The five overseas départements, drawn as insets beside metropolitan France.</summary>
    public static IReadOnlyList<(string Code, string Name)> Overseas { get; } =
    [
        ("971", "Guadeloupe"),
        ("972", "Martinique"),
        ("973", "Guyane"),
        ("974", "La Réunion"),
        ("976", "Mayotte"),
    ];

    public static string CodeOf(string inseeCode)
    {
        var code = (inseeCode ?? string.Empty).Trim().ToUpperInvariant();
        if (code.Length < 2)
        {
            return code;
        }
        return code.StartsWith("97", StringComparison.Ordinal) && code.Length >= 3 ? code[..3] : code[..2];
    }

    /// <summary>Metropolitan départements first in code order (2A, 2B after 19), then overseas.</summary>
    public static string SortKey(string code) => code switch
    {
        "2A" => "20A",
        "2B" => "20B",
        _ when code.Length == 2 => code + "0",
        _ => code,
    };
}
