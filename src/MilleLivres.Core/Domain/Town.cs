namespace MilleLivres.Core.Domain;

public enum TownStatus
{
    /// <summary>Known to the programme, not (yet) selected for a wave.</summary>
    Candidate = 0,
    /// <summary>Selected for a wave.</summary>
    Selected = 1,
    /// <summary>Has received its books.</summary>
    Served = 2,
    /// <summary>No longer part of the programme.</summary>
    Withdrawn = 3,
}

/// <summary>A town and its Cité éducative.</summary>
public class Town : IAudited
{
    public const int NameMaxLength = 120;

    private Town()
    {
    }

    public Town(string name, string inseeCode, string departement, string region, string citeEducativeName, bool isVilleBanlieueMember)
    {
        Update(name, inseeCode, departement, region, citeEducativeName, isVilleBanlieueMember);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public string InseeCode { get; private set; } = string.Empty;
    public string Departement { get; private set; } = string.Empty;
    public string Region { get; private set; } = string.Empty;
    public string CiteEducativeName { get; private set; } = string.Empty;
    public bool IsVilleBanlieueMember { get; private set; }
    public TownStatus Status { get; private set; } = TownStatus.Candidate;

    /// <summary>The troïka that steers the Cité éducative.</summary>
    public Contact Principal { get; private set; } = Contact.Empty;
    public Contact DeputyDirectorGeneral { get; private set; } = Contact.Empty;
    public Contact PrefectDelegate { get; private set; } = Contact.Empty;

    public void Update(string name, string inseeCode, string departement, string region, string citeEducativeName, bool isVilleBanlieueMember)
    {
        name = (name ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw new DomainException("Le nom de la ville est obligatoire.", nameof(Name));
        }
        if (name.Length > NameMaxLength)
        {
            throw new DomainException($"Le nom de la ville ne peut dépasser {NameMaxLength} caractères.", nameof(Name));
        }
        // Validate everything before changing anything.
        var code = Domain.InseeCode.Parse(inseeCode);
        Name = name;
        InseeCode = code;
        Departement = (departement ?? string.Empty).Trim();
        Region = (region ?? string.Empty).Trim();
        CiteEducativeName = string.IsNullOrWhiteSpace(citeEducativeName) ? $"Cité éducative de {Name}" : citeEducativeName.Trim();
        IsVilleBanlieueMember = isVilleBanlieueMember;
    }

    public void SetTroika(Contact principal, Contact deputyDirectorGeneral, Contact prefectDelegate)
    {
        Principal = principal;
        DeputyDirectorGeneral = deputyDirectorGeneral;
        PrefectDelegate = prefectDelegate;
    }

    public void SetStatus(TownStatus status) => Status = status;
}
