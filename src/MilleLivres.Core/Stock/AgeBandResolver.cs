using System.Text.RegularExpressions;
using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Stock;

/// <summary>
/// Finds a title's age band from what publishers write: a minimum and maximum age, or a band such as "6-10 ans",
/// or a band's name ("collège"). Ages that straddle two bands go to the band that covers most of the range,
/// the younger one on a tie (see ADR 0102).
/// </summary>
public sealed partial class AgeBandResolver(IReadOnlyList<(int Id, string Name, int MinAge, int MaxAge)> bands)
{
    [GeneratedRegex(@"^\s*(\d{1,2})\s*(?:-|–|à|a|/|_)\s*(\d{1,2})\s*(?:ans?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Range();

    [GeneratedRegex(@"^\s*(\d{1,2})\s*(?:ans?)?\s*(?:\+|et\s*plus)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    public static AgeBandResolver For(IEnumerable<AgeBand> bands) =>
        new(bands.Select(b => (b.Id, b.Name, b.MinAge, b.MaxAge)).ToList());

    public bool TryResolve(string? minText, string? maxText, string? bandText, out int bandId, out string? error)
    {
        bandId = 0;
        minText = minText?.Trim();
        maxText = maxText?.Trim();
        bandText = bandText?.Trim();
        if (!string.IsNullOrEmpty(minText) || !string.IsNullOrEmpty(maxText))
        {
            var hasMin = int.TryParse(minText, out var min);
            var hasMax = int.TryParse(maxText, out var max);
            if (!string.IsNullOrEmpty(minText) && !hasMin)
            {
                error = $"Âge minimum « {minText} » illisible : un nombre entier est attendu.";
                return false;
            }
            if (!string.IsNullOrEmpty(maxText) && !hasMax)
            {
                error = $"Âge maximum « {maxText} » illisible : un nombre entier est attendu.";
                return false;
            }
            if (!hasMin) { min = max; }
            if (!hasMax) { max = min; }
            return TryResolve(min, max, out bandId, out error);
        }
        if (string.IsNullOrEmpty(bandText))
        {
            error = "Âge manquant : indiquez l'âge minimum et maximum, ou une tranche comme « 6-10 ans ».";
            return false;
        }
        var range = Range().Match(bandText);
        if (range.Success)
        {
            return TryResolve(int.Parse(range.Groups[1].Value), int.Parse(range.Groups[2].Value), out bandId, out error);
        }
        var from = From().Match(bandText);
        if (from.Success)
        {
            return TryResolve(int.Parse(from.Groups[1].Value), AgeBand.ProgrammeMaxAge, out bandId, out error);
        }
        var key = TextKey.Compact(bandText);
        foreach (var b in bands)
        {
            if (TextKey.Compact(b.Name) == key)
            {
                bandId = b.Id;
                error = null;
                return true;
            }
        }
        error = $"Tranche d'âge « {bandText} » non reconnue : écrivez par exemple « 6-10 ans » ou le nom d'une tranche ({string.Join(", ", bands.Select(b => b.Name))}).";
        return false;
    }

    /// <summary>Why no band fits: ages outside the programme, no band at all, or a gap in staff's bands.</summary>
    private string NoBandFor(int min, int max)
    {
        if (max < AgeBand.ProgrammeMinAge || min > AgeBand.ProgrammeMaxAge)
        {
            return $"Âges {AgeBand.AgesOf(min, max)} hors du programme ({AgeBand.ProgrammeMinAge} à {AgeBand.ProgrammeMaxAge} ans).";
        }
        return bands.Count == 0
            ? AgeBand.NoneDefined
            : $"Aucune tranche d'âge ne couvre {AgeBand.AgesOf(min, max)} (tranches : {string.Join(", ", bands.OrderBy(b => b.MinAge).Select(b => AgeBand.AgesOf(b.MinAge, b.MaxAge)))}) : corrigez les âges ou les tranches d'âge.";
    }

    public bool TryResolve(int min, int max, out int bandId, out string? error)
    {
        bandId = 0;
        if (min > max)
        {
            error = $"L'âge minimum ({min}) est supérieur à l'âge maximum ({max}).";
            return false;
        }
        var best = bands
            .Select(b => (b.Id, b.MinAge, Overlap: Math.Min(max, b.MaxAge) - Math.Max(min, b.MinAge) + 1))
            .Where(b => b.Overlap > 0)
            .OrderByDescending(b => b.Overlap)
            .ThenBy(b => b.MinAge)
            .FirstOrDefault();
        if (best.Id == 0)
        {
            error = NoBandFor(min, max);
            return false;
        }
        bandId = best.Id;
        error = null;
        return true;
    }
}
