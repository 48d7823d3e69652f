using MilleLivres.Core.Accounts;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Seeding;

public sealed record DemoAccount(string Email, string Role, string Description);

/// <summary>
/// The operation's real towns of waves 1 and 2 (from the 2020 press releases and the ANCT note), an empty
/// wave 3 to plan, and three demo accounts. Runs once: a database that already has waves is left alone.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserAccounts accounts)
{
    public const string DemoPassword = "demo-millelivres-2020";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("equipe@biblionef.demo", Roles.Staff, "équipe Biblionef"),
        new("coordination.lens@cite-educative.demo", Roles.Coordinator, "coordination de Lens"),
        new("coordination.boulogne@cite-educative.demo", Roles.Coordinator, "coordination de Boulogne-sur-Mer"),
    ];

    // Wave, town, INSEE, département, region, Ville & Banlieue member (as DOMAIN.md states it).
    internal static readonly (int Wave, string Name, string Insee, string Departement, string Region, bool Member)[] OperationTowns =
    [
        (1, "La Seyne-sur-Mer", "83126", "Var", "Provence-Alpes-Côte d'Azur", true),
        (1, "Allonnes", "72003", "Sarthe", "Pays de la Loire", true),
        (1, "Grigny", "91286", "Essonne", "Île-de-France", true),
        (1, "Port-de-Bouc", "13077", "Bouches-du-Rhône", "Provence-Alpes-Côte d'Azur", true),
        (1, "Clichy-sous-Bois", "93014", "Seine-Saint-Denis", "Île-de-France", true),
        (1, "Vaulx-en-Velin", "69256", "Rhône", "Auvergne-Rhône-Alpes", true),
        (1, "Maubeuge", "59392", "Nord", "Hauts-de-France", false),
        (1, "Rennes", "35238", "Ille-et-Vilaine", "Bretagne", false),
        (1, "Lens", "62498", "Pas-de-Calais", "Hauts-de-France", false),
        (1, "Charleville-Mézières", "08105", "Ardennes", "Grand Est", false),
        (2, "Bondy", "93010", "Seine-Saint-Denis", "Île-de-France", true),
        (2, "Chanteloup-les-Vignes", "78138", "Yvelines", "Île-de-France", true),
        (2, "Chenôve", "21166", "Côte-d'Or", "Bourgogne-Franche-Comté", true),
        (2, "Hérouville-Saint-Clair", "14327", "Calvados", "Normandie", true),
        (2, "Lormont", "33249", "Gironde", "Nouvelle-Aquitaine", true),
        (2, "Saint-Étienne-du-Rouvray", "76575", "Seine-Maritime", "Normandie", true),
        (2, "Villiers-le-Bel", "95680", "Val-d'Oise", "Île-de-France", true),
        (2, "Corbeil-Essonnes", "91174", "Essonne", "Île-de-France", false),
        (2, "Trappes", "78621", "Yvelines", "Île-de-France", false),
        (2, "Boulogne-sur-Mer", "62160", "Pas-de-Calais", "Hauts-de-France", false),
        (2, "Saint-Quentin", "02691", "Aisne", "Hauts-de-France", false),
    ];

    // Main postcode of each town: the demo's delivery addresses use it.
    internal static readonly IReadOnlyDictionary<string, string> Postcodes = new Dictionary<string, string>
    {
        ["83126"] = "83500", ["72003"] = "72700", ["91286"] = "91350", ["13077"] = "13110", ["93014"] = "93390",
        ["69256"] = "69120", ["59392"] = "59600", ["35238"] = "35000", ["62498"] = "62300", ["08105"] = "08000",
        ["93010"] = "93140", ["78138"] = "78570", ["21166"] = "21300", ["14327"] = "14200", ["33249"] = "33310",
        ["76575"] = "76800", ["95680"] = "95400", ["91174"] = "91100", ["78621"] = "78190", ["62160"] = "62200",
        ["02691"] = "02100", ["62041"] = "62000", ["62193"] = "62100", ["80021"] = "80000",
    };

    // Other labelled Cités éducatives named in the source documents, not (yet) in a wave.
    internal static readonly (string Name, string Insee, string Departement, string Region)[] OtherCites =
    [
        ("Arras", "62041", "Pas-de-Calais", "Hauts-de-France"),
        ("Calais", "62193", "Pas-de-Calais", "Hauts-de-France"),
        ("Amiens", "80021", "Somme", "Hauts-de-France"),
    ];

    /// <summary>Seeds the demo data unless it is already there. Returns false when nothing was done.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await accounts.EnsureRolesAsync();
        if (!await db.AgeBands.AnyAsync(ct))
        {
            db.AgeBands.AddRange(AgeBand.Defaults());
            await db.SaveChangesAsync(ct);
        }
        if (!await db.VilleBanlieueMembers.AnyAsync(ct))
        {
            // The membership list staff maintain starts with the member towns the 2020 note names.
            var now = DateTime.UtcNow;
            db.VilleBanlieueMembers.AddRange(OperationTowns.Where(t => t.Member).Select(t => new Applications.VilleBanlieueMember(t.Insee, t.Name, now)));
            await db.SaveChangesAsync(ct);
        }
        if (await db.Waves.AnyAsync(ct))
        {
            return false;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Towns.ToDictionaryAsync(t => t.InseeCode, ct);
        Town TownFor(string name, string insee, string dep, string region, bool member)
        {
            if (!existing.TryGetValue(insee, out var town))
            {
                town = new Town(name, insee, dep, region, $"Cité éducative {French.De(name)}", member);
                Complete(town);
                db.Towns.Add(town);
                existing[insee] = town;
            }
            return town;
        }

        var wave1 = new Wave(1, "Vague 1 — printemps 2020", new DateOnly(2020, 4, 27));
        var wave2 = new Wave(2, "Vague 2 — 2020", null);
        db.Waves.AddRange(wave1, wave2);
        foreach (var t in OperationTowns)
        {
            var town = TownFor(t.Name, t.Insee, t.Departement, t.Region, t.Member);
            var link = (t.Wave == 1 ? wave1 : wave2).AddTown(town, null);
            town.SetStatus(TownStatus.Served);
            if (t.Insee == "62498")
            {
                // "À Lens, la distribution a débuté le lundi 27 avril 2020."
                link.RecordDistributionStart(new DateOnly(2020, 4, 27));
            }
        }
        wave1.Update(1, wave1.Name, wave1.PlannedDeliveryOn, new DateOnly(2020, 4, 27),
            "Première vague, lancée pendant le confinement. À Lens, la distribution a débuté le lundi 27 avril 2020.");
        wave2.Update(2, wave2.Name, null, null, "Onze villes retenues après candidature, dont sept adhérentes de Ville & Banlieue.");
        wave1.RestoreHistoricalStatus(WaveStatus.Closed);
        wave2.RestoreHistoricalStatus(WaveStatus.Closed);

        foreach (var c in OtherCites)
        {
            TownFor(c.Name, c.Insee, c.Departement, c.Region, false);
        }
        db.Waves.Add(new Wave(3, "Vague 3 — à préparer"));
        await db.SaveChangesAsync(ct);

        // Expected children need the towns' and bands' ids: a second pass once both are saved.
        var bands = await db.AgeBands.OrderBy(b => b.SortOrder).Select(b => b.Id).ToListAsync(ct);
        foreach (var town in existing.Values)
        {
            await db.Entry(town).Collection(t => t.ExpectedChildren).LoadAsync(ct);
            if (town.ExpectedChildren.Count == 0)
            {
                town.SetExpectedChildren(ExpectedChildren(town.InseeCode, bands));
            }
        }
        await db.SaveChangesAsync(ct);

        foreach (var account in Accounts)
        {
            var towns = account.Email.Contains("lens", StringComparison.Ordinal) ? ["62498"]
                : account.Email.Contains("boulogne", StringComparison.Ordinal) ? new[] { "62160" }
                : [];
            await accounts.CreateAsync(account.Email, account.Role, towns, DemoPassword, account.Description);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// What a newcomer needs to run a whole wave without editing a town: a delivery address with access notes and a
    /// coordinator. Obviously fictitious places and people (".demo" addresses), at the town's real postcode.
    /// </summary>
    private static void Complete(Town town)
    {
        if (town.DeliveryAddress.IsEmpty)
        {
            town.SetDeliveryAddress(DeliveryAddress.Of(
                $"Médiathèque de démonstration {French.De(town.Name)}",
                "1 place de la Mairie",
                Postcodes.GetValueOrDefault(town.InseeCode),
                town.Name,
                "Démonstration : livraison du lundi au vendredi de 9 h à 12 h, par l'entrée de service ; ascenseur jusqu'à la réserve."));
        }
        if (string.IsNullOrWhiteSpace(town.CoordinatorContact.Name))
        {
            var slug = Slug(town.Name);
            town.SetCoordinatorContact(new Contact($"Coordination de démonstration {French.De(town.Name)}", $"coordination.{slug}@cite-educative.demo", "01 00 00 00 00"));
        }
    }

    /// <summary>Plausible, stable numbers per band (100 to 400 children), different from town to town.</summary>
    private static Dictionary<int, int> ExpectedChildren(string insee, IReadOnlyList<int> bandIds)
    {
        var seed = int.Parse(insee.Where(char.IsDigit).DefaultIfEmpty('0').Select(c => c.ToString()).Aggregate((a, b) => a + b), System.Globalization.CultureInfo.InvariantCulture);
        return bandIds.Select((id, i) => (id, children: 100 + (seed * (i + 3) + i * 37) % 301)).ToDictionary(x => x.id, x => x.children);
    }

    private static string Slug(string name)
    {
        var plain = new string(name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .ToArray()).ToLowerInvariant();
        return string.Join("-", plain.Split([' ', '\'', '-'], StringSplitOptions.RemoveEmptyEntries));
    }
}
