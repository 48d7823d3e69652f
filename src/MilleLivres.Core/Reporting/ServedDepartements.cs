using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Reporting;

/// <summary>A département with the towns of the programme in it (a town in at least one wave), for the map and its table.</summary>
public sealed record ServedDepartement(string Code, string Name, IReadOnlyList<string> Towns);

/// <summary>The départements served, from the towns' INSEE codes (ADR 0820). One query; towns are public, not personal data.</summary>
public sealed class ServedDepartements(AppDbContext db, FranceMap map)
{
    public async Task<IReadOnlyList<ServedDepartement>> ListAsync(CancellationToken ct = default)
    {
        var towns = await db.Towns.AsNoTracking()
            .Where(t => db.WaveTowns.Any(w => w.TownId == t.Id))
            .Select(t => new { t.Name, t.InseeCode, t.Departement })
            .ToListAsync(ct);
        var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true);
        return towns
            .GroupBy(t => DepartementCodes.CodeOf(t.InseeCode))
            .Select(g => new ServedDepartement(
                g.Key,
                Applications.Departements.OfInseeCode(g.First().InseeCode)?.Departement ?? map.Find(g.Key)?.Name ?? g.First().Departement,
                g.Select(t => t.Name).Distinct().Order(french).ToList()))
            .OrderBy(d => DepartementCodes.SortKey(d.Code), StringComparer.Ordinal)
            .ToList();
    }
}
