namespace MilleLivres.Core.Applications;

/// <summary>
/// French départements and their region (2016 regions), looked up from the first characters of an INSEE code.
/// Applicants give only the INSEE code; département and region are derived so staff can filter by region.
/// </summary>
public static class Departements
{
    private const string Ara = "Auvergne-Rhône-Alpes";
    private const string Bfc = "Bourgogne-Franche-Comté";
    private const string Bre = "Bretagne";
    private const string Cvl = "Centre-Val de Loire";
    private const string Cor = "Corse";
    private const string Ges = "Grand Est";
    private const string Hdf = "Hauts-de-France";
    private const string Idf = "Île-de-France";
    private const string Nor = "Normandie";
    private const string Naq = "Nouvelle-Aquitaine";
    private const string Occ = "Occitanie";
    private const string Pdl = "Pays de la Loire";
    private const string Pac = "Provence-Alpes-Côte d'Azur";

    private static readonly Dictionary<string, (string Name, string Region)> ByCode = new(StringComparer.Ordinal)
    {
        ["01"] = ("Ain", Ara), ["02"] = ("Aisne", Hdf), ["03"] = ("Allier", Ara), ["04"] = ("Alpes-de-Haute-Provence", Pac),
        ["05"] = ("Hautes-Alpes", Pac), ["06"] = ("Alpes-Maritimes", Pac), ["07"] = ("Ardèche", Ara), ["08"] = ("Ardennes", Ges),
        ["09"] = ("Ariège", Occ), ["10"] = ("Aube", Ges), ["11"] = ("Aude", Occ), ["12"] = ("Aveyron", Occ),
        ["13"] = ("Bouches-du-Rhône", Pac), ["14"] = ("Calvados", Nor), ["15"] = ("Cantal", Ara), ["16"] = ("Charente", Naq),
        ["17"] = ("Charente-Maritime", Naq), ["18"] = ("Cher", Cvl), ["19"] = ("Corrèze", Naq), ["2A"] = ("Corse-du-Sud", Cor),
        ["2B"] = ("Haute-Corse", Cor), ["21"] = ("Côte-d'Or", Bfc), ["22"] = ("Côtes-d'Armor", Bre), ["23"] = ("Creuse", Naq),
        ["24"] = ("Dordogne", Naq), ["25"] = ("Doubs", Bfc), ["26"] = ("Drôme", Ara), ["27"] = ("Eure", Nor),
        ["28"] = ("Eure-et-Loir", Cvl), ["29"] = ("Finistère", Bre), ["30"] = ("Gard", Occ), ["31"] = ("Haute-Garonne", Occ),
        ["32"] = ("Gers", Occ), ["33"] = ("Gironde", Naq), ["34"] = ("Hérault", Occ), ["35"] = ("Ille-et-Vilaine", Bre),
        ["36"] = ("Indre", Cvl), ["37"] = ("Indre-et-Loire", Cvl), ["38"] = ("Isère", Ara), ["39"] = ("Jura", Bfc),
        ["40"] = ("Landes", Naq), ["41"] = ("Loir-et-Cher", Cvl), ["42"] = ("Loire", Ara), ["43"] = ("Haute-Loire", Ara),
        ["44"] = ("Loire-Atlantique", Pdl), ["45"] = ("Loiret", Cvl), ["46"] = ("Lot", Occ), ["47"] = ("Lot-et-Garonne", Naq),
        ["48"] = ("Lozère", Occ), ["49"] = ("Maine-et-Loire", Pdl), ["50"] = ("Manche", Nor), ["51"] = ("Marne", Ges),
        ["52"] = ("Haute-Marne", Ges), ["53"] = ("Mayenne", Pdl), ["54"] = ("Meurthe-et-Moselle", Ges), ["55"] = ("Meuse", Ges),
        ["56"] = ("Morbihan", Bre), ["57"] = ("Moselle", Ges), ["58"] = ("Nièvre", Bfc), ["59"] = ("Nord", Hdf),
        ["60"] = ("Oise", Hdf), ["61"] = ("Orne", Nor), ["62"] = ("Pas-de-Calais", Hdf), ["63"] = ("Puy-de-Dôme", Ara),
        ["64"] = ("Pyrénées-Atlantiques", Naq), ["65"] = ("Hautes-Pyrénées", Occ), ["66"] = ("Pyrénées-Orientales", Occ), ["67"] = ("Bas-Rhin", Ges),
        ["68"] = ("Haut-Rhin", Ges), ["69"] = ("Rhône", Ara), ["70"] = ("Haute-Saône", Bfc), ["71"] = ("Saône-et-Loire", Bfc),
        ["72"] = ("Sarthe", Pdl), ["73"] = ("Savoie", Ara), ["74"] = ("Haute-Savoie", Ara), ["75"] = ("Paris", Idf),
        ["76"] = ("Seine-Maritime", Nor), ["77"] = ("Seine-et-Marne", Idf), ["78"] = ("Yvelines", Idf), ["79"] = ("Deux-Sèvres", Naq),
        ["80"] = ("Somme", Hdf), ["81"] = ("Tarn", Occ), ["82"] = ("Tarn-et-Garonne", Occ), ["83"] = ("Var", Pac),
        ["84"] = ("Vaucluse", Pac), ["85"] = ("Vendée", Pdl), ["86"] = ("Vienne", Naq), ["87"] = ("Haute-Vienne", Naq),
        ["88"] = ("Vosges", Ges), ["89"] = ("Yonne", Bfc), ["90"] = ("Territoire de Belfort", Bfc), ["91"] = ("Essonne", Idf),
        ["92"] = ("Hauts-de-Seine", Idf), ["93"] = ("Seine-Saint-Denis", Idf), ["94"] = ("Val-de-Marne", Idf), ["95"] = ("Val-d'Oise", Idf),
        ["971"] = ("Guadeloupe", "Guadeloupe"), ["972"] = ("Martinique", "Martinique"), ["973"] = ("Guyane", "Guyane"),
        ["974"] = ("La Réunion", "La Réunion"), ["976"] = ("Mayotte", "Mayotte"),
    };

    /// <summary>The département and region of a commune from its (valid) INSEE code, or null when unknown.</summary>
    public static (string Departement, string Region)? OfInseeCode(string inseeCode)
    {
        var code = Domain.InseeCode.Normalize(inseeCode);
        var key = code.StartsWith("97", StringComparison.Ordinal) ? code[..Math.Min(3, code.Length)] : code[..Math.Min(2, code.Length)];
        return ByCode.TryGetValue(key, out var d) ? (d.Name, d.Region) : null;
    }
}
