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
    private readonly List<TownChildrenCount> _expectedChildren = [];

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
        CiteEducativeName = string.IsNullOrWhiteSpace(citeEducativeName) ? $"Cité éducative {Text.French.De(Name)}" : citeEducativeName.Trim();
        IsVilleBanlieueMember = isVilleBanlieueMember;
    }

    public void SetTroika(Contact principal, Contact deputyDirectorGeneral, Contact prefectDelegate)
    {
        Principal = principal;
        DeputyDirectorGeneral = deputyDirectorGeneral;
        PrefectDelegate = prefectDelegate;
    }

    public void SetStatus(TownStatus status) => Status = status;

    public const int MaxQuota = 100_000;

    /// <summary>Children expected in one age band: bounded like every number people type (sums stay far from overflow).</summary>
    public const int MaxChildrenPerBand = 100_000;

    public static string TooManyChildren => $"Au plus {MaxChildrenPerBand:N0} enfants par tranche d'âge.";

    /// <summary>Books the town receives in a wave (1000 by default), split over the age bands by the children it expects.</summary>
    public int Quota { get; private set; } = Allocation.QuotaSplit.DefaultQuota;

    public void SetQuota(int quota)
    {
        if (quota < 1 || quota > MaxQuota)
        {
            throw new DomainException($"Le quota doit être un nombre de livres entre 1 et {MaxQuota:N0}.", nameof(Quota));
        }
        Quota = quota;
    }

    /// <summary>Where the cartons go.</summary>
    public DeliveryAddress DeliveryAddress { get; private set; } = DeliveryAddress.Empty;

    /// <summary>The person who receives the books and hands them out (coordinateur·rice).</summary>
    public Contact CoordinatorContact { get; private set; } = Contact.Empty;

    /// <summary>
    /// Who receives the cartons on site when it is not the coordinator (a librarian, a school caretaker): copied on the
    /// delivery mails. Empty when the coordinator receives them.
    /// </summary>
    public Contact DeliveryContact { get; private set; } = Contact.Empty;

    /// <summary>Expected children per age band. Load it (Include) before changing it.</summary>
    public IReadOnlyCollection<TownChildrenCount> ExpectedChildren => _expectedChildren;

    public void SetDeliveryAddress(DeliveryAddress address) => DeliveryAddress = address ?? DeliveryAddress.Empty;

    public void SetCoordinatorContact(Contact coordinator) => CoordinatorContact = coordinator ?? Contact.Empty;

    public void SetDeliveryContact(Contact contact) => DeliveryContact = contact ?? Contact.Empty;

    public void SetVilleBanlieueMember(bool isMember) => IsVilleBanlieueMember = isMember;

    /// <summary>Every person's contact of this town (troïka, coordinator, access notes) is non-empty somewhere.</summary>
    public bool HasPersonalContacts =>
        !Principal.IsEmpty || !DeputyDirectorGeneral.IsEmpty || !PrefectDelegate.IsEmpty || !CoordinatorContact.IsEmpty
        || !DeliveryContact.IsEmpty || !string.IsNullOrEmpty(DeliveryAddress.AccessNotes);

    /// <summary>Retention: the town's people are forgotten; the town, its figures and its history stay.</summary>
    public void ClearPersonalContacts()
    {
        Principal = Contact.Empty;
        DeputyDirectorGeneral = Contact.Empty;
        PrefectDelegate = Contact.Empty;
        CoordinatorContact = Contact.Empty;
        DeliveryContact = Contact.Empty;
        DeliveryAddress = DeliveryAddress with { AccessNotes = null };
    }

    /// <summary>Erases one person: every contact of this town with that address. True when one matched.</summary>
    public bool EraseContactsWithEmail(string email)
    {
        var erased = false;
        Contact Erase(Contact c)
        {
            if (!PersonalData.Anonymised.SameEmail(c.Email, email))
            {
                return c;
            }
            erased = true;
            return Contact.Empty;
        }
        Principal = Erase(Principal);
        DeputyDirectorGeneral = Erase(DeputyDirectorGeneral);
        PrefectDelegate = Erase(PrefectDelegate);
        CoordinatorContact = Erase(CoordinatorContact);
        DeliveryContact = Erase(DeliveryContact);
        return erased;
    }

    /// <summary>Replaces the expected children per age band (band id → count). Bands left out are removed.</summary>
    public void SetExpectedChildren(IReadOnlyDictionary<int, int> childrenByAgeBand)
    {
        ArgumentNullException.ThrowIfNull(childrenByAgeBand);
        if (childrenByAgeBand.Values.Any(children => children < 0))
        {
            throw new DomainException("Le nombre d'enfants doit être un entier positif ou nul.", "Children");
        }
        if (childrenByAgeBand.Values.Any(children => children > MaxChildrenPerBand))
        {
            throw new DomainException(TooManyChildren, "Children");
        }
        foreach (var (bandId, children) in childrenByAgeBand)
        {
            var existing = _expectedChildren.SingleOrDefault(c => c.AgeBandId == bandId);
            if (existing is null)
            {
                _expectedChildren.Add(new TownChildrenCount(this, bandId, children));
            }
            else
            {
                existing.Children = children;
            }
        }
        _expectedChildren.RemoveAll(c => !childrenByAgeBand.ContainsKey(c.AgeBandId));
    }
}
