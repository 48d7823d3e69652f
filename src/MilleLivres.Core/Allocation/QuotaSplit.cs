using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Allocation;

/// <summary>
/// Splits a town's quota (1000 books by default) over the age bands in proportion to the children the town expects
/// in each band, by the largest-remainder method, so the parts always add up to the quota exactly.
/// </summary>
public static class QuotaSplit
{
    public const int DefaultQuota = 1000;

    /// <summary>
    /// Splits <paramref name="quota"/> over <paramref name="bandIds"/> (given in age order). A band with no children gets
    /// nothing; when no band has children (or <paramref name="childrenByBand"/> is null or empty) the split is even.
    /// Leftover units go to the largest remainders; equal remainders go to the band with more children, then to the
    /// band that comes first in <paramref name="bandIds"/>.
    /// </summary>
    /// <returns>One target per band id, in the order of <paramref name="bandIds"/>.</returns>
    public static IReadOnlyDictionary<int, int> Split(int quota, IReadOnlyList<int> bandIds, IReadOnlyDictionary<int, int>? childrenByBand = null)
    {
        ArgumentNullException.ThrowIfNull(bandIds);
        if (quota < 0)
        {
            throw new DomainException("Le quota de livres d'une ville ne peut pas être négatif.", "Quota");
        }
        if (bandIds.Distinct().Count() != bandIds.Count)
        {
            throw new ArgumentException("Band ids must be distinct.", nameof(bandIds));
        }
        if (bandIds.Count == 0)
        {
            if (quota > 0)
            {
                throw new DomainException("Il faut au moins une tranche d'âge pour répartir le quota.", "Quota");
            }
            return new Dictionary<int, int>();
        }

        var children = new long[bandIds.Count];
        for (var i = 0; i < bandIds.Count; i++)
        {
            var count = childrenByBand is not null && childrenByBand.TryGetValue(bandIds[i], out var c) ? c : 0;
            if (count < 0)
            {
                throw new DomainException("Le nombre d'enfants d'une tranche d'âge ne peut pas être négatif.", "Children");
            }
            children[i] = count;
        }
        if (childrenByBand is not null && childrenByBand.Keys.Any(k => !bandIds.Contains(k)))
        {
            throw new ArgumentException("Children are counted for a band that is not in the list.", nameof(childrenByBand));
        }

        var total = children.Sum();
        var weights = total == 0 ? Enumerable.Repeat(1L, bandIds.Count).ToArray() : children;
        var weightTotal = weights.Sum();

        var parts = new int[bandIds.Count];
        var remainders = new long[bandIds.Count];
        var given = 0;
        for (var i = 0; i < bandIds.Count; i++)
        {
            var exact = quota * weights[i];
            parts[i] = (int)(exact / weightTotal);
            remainders[i] = exact % weightTotal;
            given += parts[i];
        }

        // The leftover is smaller than the number of bands with a non-zero remainder, so a band with no children
        // (remainder 0) never receives a unit.
        var order = Enumerable.Range(0, bandIds.Count)
            .OrderByDescending(i => remainders[i])
            .ThenByDescending(i => weights[i])
            .ThenBy(i => i)
            .ToList();
        for (var k = 0; k < quota - given; k++)
        {
            parts[order[k]]++;
        }

        var result = new Dictionary<int, int>(bandIds.Count);
        for (var i = 0; i < bandIds.Count; i++)
        {
            result[bandIds[i]] = parts[i];
        }
        return result;
    }
}
