namespace MilleLivres.Core.Domain;

/// <summary>
/// An age band (tranche d'âge). Children are 3 to 18; the default bands follow French schooling and staff may change them.
/// </summary>
public class AgeBand : IAudited
{
    public const int ProgrammeMinAge = 3;
    public const int ProgrammeMaxAge = 18;

    private AgeBand()
    {
    }

    public AgeBand(string name, int minAge, int maxAge, int sortOrder)
    {
        Update(name, minAge, maxAge);
        SortOrder = sortOrder;
    }

    /// <summary>The one message when a database has no band at all (the start-up adds the defaults, so rarely seen).</summary>
    public const string NoneDefined =
        "Aucune tranche d'âge n'est définie : créez les tranches d'âge (page « Tranches d'âge ») avant d'ajouter des titres.";

    public int Id { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public int MinAge { get; private set; }
    public int MaxAge { get; private set; }
    public int SortOrder { get; private set; }

    /// <summary>"6-10 ans (élémentaire)".</summary>
    public string Label => LabelOf(MinAge, MaxAge, Name);

    /// <summary>The one way to write a band: "6-10 ans (élémentaire)", also from a query's projected columns.</summary>
    public static string LabelOf(int minAge, int maxAge, string name) => $"{AgesOf(minAge, maxAge)} ({name})";

    /// <summary>"6-10 ans".</summary>
    public static string AgesOf(int minAge, int maxAge) => $"{minAge}-{maxAge} ans";

    public bool Contains(int age) => age >= MinAge && age <= MaxAge;

    public void Update(string name, int minAge, int maxAge)
    {
        name = (name ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw new DomainException("Le nom de la tranche d'âge est obligatoire.", nameof(Name));
        }
        if (minAge < ProgrammeMinAge || maxAge > ProgrammeMaxAge)
        {
            throw new DomainException($"Les âges doivent rester entre {ProgrammeMinAge} et {ProgrammeMaxAge} ans.", nameof(MinAge));
        }
        if (minAge > maxAge)
        {
            throw new DomainException("L'âge minimum doit être inférieur ou égal à l'âge maximum.", nameof(MinAge));
        }
        Name = name;
        MinAge = minAge;
        MaxAge = maxAge;
    }

    public static IReadOnlyList<AgeBand> Defaults() =>
    [
        new("maternelle", 3, 5, 1),
        new("élémentaire", 6, 10, 2),
        new("collège", 11, 14, 3),
        new("lycée", 15, 18, 4),
    ];

    /// <summary>
    /// Checks that a set of bands covers 3 to 18 without gap or overlap. Returns the French problem, or null.
    /// </summary>
    public static string? FindCoverageProblem(IEnumerable<(int MinAge, int MaxAge)> bands)
    {
        var ordered = bands.OrderBy(b => b.MinAge).ToList();
        if (ordered.Count == 0)
        {
            return "Il faut au moins une tranche d'âge.";
        }
        var expected = ProgrammeMinAge;
        foreach (var (min, max) in ordered)
        {
            if (min > expected)
            {
                return $"Aucune tranche ne couvre l'âge de {expected} ans.";
            }
            if (min < expected)
            {
                return $"Les tranches se chevauchent autour de {min} ans.";
            }
            expected = max + 1;
        }
        return expected <= ProgrammeMaxAge ? $"Aucune tranche ne couvre l'âge de {expected} ans." : null;
    }
}
