using System.Globalization;
using System.Text.Json;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Auditing;

/// <summary>
/// An audit entry in French for people: « État : en préparation → dotations réservées » instead of the stored JSON
/// (<c>{"Status":[0,1]}</c>). Unknown properties keep their code name; values that are not JSON stay as they are.
/// </summary>
public static class AuditText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["Wave"] = "vague", ["Town"] = "ville", ["WaveTown"] = "ville d'une vague", ["Title"] = "titre",
        ["StockMovement"] = "mouvement de stock", ["StockImport"] = "import de stock", ["TownApplication"] = "candidature",
        ["AgeBand"] = "tranche d'âge", ["AllocationLine"] = "ligne de dotation", ["Carton"] = "carton", ["CartonLine"] = "ligne de carton",
        ["TownWish"] = "souhait", ["TownChildrenCount"] = "enfants attendus", ["VilleBanlieueMember"] = "adhérente Ville & Banlieue",
        ["CoordinatorInvitation"] = "invitation", ["GeneratedDocument"] = "document", ["WorkItem"] = "tâche de fond",
        ["AppUser"] = "compte", ["CoordinatorTown"] = "ville d'un compte",
    };

    private static readonly Dictionary<string, string> Properties = new(StringComparer.Ordinal)
    {
        ["Status"] = "État", ["Name"] = "Nom", ["Number"] = "Numéro", ["Quota"] = "Quota", ["InseeCode"] = "Code INSEE",
        ["Departement"] = "Département", ["Region"] = "Région", ["CiteEducativeName"] = "Cité éducative",
        ["IsVilleBanlieueMember"] = "Adhérente Ville & Banlieue", ["PlannedDeliveryOn"] = "Livraison prévue",
        ["DeliveredOn"] = "Livrée le", ["Notes"] = "Notes", ["Quantity"] = "Quantité", ["Reason"] = "Motif",
        ["DecisionReason"] = "Motif de la décision", ["DecidedBy"] = "Décidé par", ["Isbn"] = "ISBN", ["Authors"] = "Auteur(s)",
        ["Publisher"] = "Éditeur", ["AgeBandId"] = "Tranche d'âge (n°)", ["MinAge"] = "Âge minimum", ["MaxAge"] = "Âge maximum",
        ["SortOrder"] = "Ordre", ["Code"] = "Code", ["Children"] = "Enfants", ["InStock"] = "En stock", ["Reserved"] = "Réservés",
        ["Genre"] = "Genre", ["Kind"] = "Nature", ["TownId"] = "Ville (n°)", ["WaveId"] = "Vague (n°)", ["TitleId"] = "Titre (n°)",
        ["Structure"] = "Structure", ["Street"] = "Rue", ["Postcode"] = "Code postal", ["City"] = "Commune",
        ["AccessNotes"] = "Accès", ["Email"] = "Courriel", ["Phone"] = "Téléphone", ["DeliveryAddress"] = "Adresse de livraison",
        ["CoordinatorContact"] = "Coordination", ["DeliveryContact"] = "Réception des cartons", ["Principal"] = "Principal·e", ["DeputyDirectorGeneral"] = "DGA",
        ["PrefectDelegate"] = "Délégué·e du préfet", ["DistributionStartedOn"] = "Distribution commencée le",
        ["ConfirmedAtUtc"] = "Confirmée le (UTC)", ["PackedAtUtc"] = "Colis prêts le (UTC)",
    };

    public static string Entity(string entityType) => Entities.GetValueOrDefault(entityType, entityType);

    public static string Action(string action) => action switch
    {
        "Added" => "création",
        "Modified" => "modification",
        "Deleted" => "suppression",
        AuditActions.AllocationConfirmed => "dotation confirmée",
        AuditActions.AllocationUndone => "dotation annulée",
        AuditActions.AllocationEdited => "dotation modifiée",
        AuditActions.CartonsMade => "cartons faits",
        _ => action,
    };

    /// <summary>One line per property: « Label : old → new » (modified) or « Label : value » (added, deleted).</summary>
    /// <param name="listLimit">When set, a list (such as the towns of a confirmed allocation: 80 entries of four bands
    /// each) shows its first items and how many more there are, for pages that show an entity's history beside other
    /// things; the audit page shows everything.</param>
    public static IReadOnlyList<string> Describe(string entityType, string action, string changes, int? listLimit = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(changes);
        }
        catch (JsonException)
        {
            return [changes];
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [Value(entityType, "", document.RootElement)];
            }
            var lines = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var label = Label(property.Name);
                if (action == "Modified" && property.Value is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2)
                {
                    lines.Add($"{label} : {Value(entityType, property.Name, pair[0])} → {Value(entityType, property.Name, pair[1])}");
                }
                else if (listLimit is { } limit && property.Value is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > limit)
                {
                    var shown = string.Join(", ", list.EnumerateArray().Take(limit).Select(v => Value(entityType, property.Name, v)));
                    var more = list.GetArrayLength() - limit;
                    lines.Add($"{label} : {shown}{(limit > 0 ? ", " : "")}… et {more.ToString(French)} {(more > 1 ? "autres" : "autre")} (détail complet dans le journal d'audit)");
                }
                else
                {
                    lines.Add($"{label} : {Value(entityType, property.Name, property.Value)}");
                }
            }
            return lines;
        }
    }

    private static string Label(string property) =>
        string.Join(" — ", property.Split('.').Select(p => Properties.GetValueOrDefault(p, p)));

    private static string Value(string entityType, string property, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return "(vide)";
            case JsonValueKind.True:
                return "oui";
            case JsonValueKind.False:
                return "non";
            case JsonValueKind.Number when property == "Status" && value.TryGetInt32(out var status):
                return entityType switch
                {
                    "Wave" => WaveStatusText.Of((WaveStatus)status),
                    "Town" => TownStatusText.Of((TownStatus)status),
                    "TownApplication" => ApplicationStatusText.Of((ApplicationStatus)status),
                    _ => status.ToString(French),
                };
            case JsonValueKind.Number:
                return value.TryGetInt64(out var integer) ? integer.ToString(French) : value.GetDouble().ToString(French);
            case JsonValueKind.String:
                var text = value.GetString() ?? "";
                if (text.Length == 0)
                {
                    return "(vide)";
                }
                if (text.Length >= 10 && text[4] == '-' && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date))
                {
                    return text.Length == 10 || date.TimeOfDay == TimeSpan.Zero ? date.ToString("dd/MM/yyyy", French) : date.ToString("dd/MM/yyyy HH:mm", French);
                }
                return text;
            case JsonValueKind.Object:
                return "{ " + string.Join(" ; ", value.EnumerateObject().Select(p => $"{Label(p.Name)} : {Value(entityType, p.Name, p.Value)}")) + " }";
            case JsonValueKind.Array:
                return string.Join(", ", value.EnumerateArray().Select(v => Value(entityType, property, v)));
            default:
                return value.GetRawText();
        }
    }
}
