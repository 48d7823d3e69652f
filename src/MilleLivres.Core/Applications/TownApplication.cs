using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Applications;

public enum ApplicationStatus
{
    Submitted = 0,
    UnderReview = 1,
    Accepted = 2,
    Waitlisted = 3,
    Declined = 4,
}

public static class ApplicationStatusText
{
    public static string Of(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "déposée",
        ApplicationStatus.UnderReview => "en cours d'examen",
        ApplicationStatus.Accepted => "retenue",
        ApplicationStatus.Waitlisted => "sur liste d'attente",
        ApplicationStatus.Declined => "non retenue",
        _ => status.ToString(),
    };
}

/// <summary>
/// A town's application (candidature) to join a wave, sent by a Ville &amp; Banlieue member through the public form.
/// </summary>
public class TownApplication : IAudited
{
    public const int ReasonMaxLength = 1000;
    private readonly List<ApplicationChildrenCount> _children = [];
    private readonly List<ApplicationStatusLink> _statusLinks = [];

    private TownApplication()
    {
    }

    public int Id { get; private set; }
    public DateTime SubmittedAtUtc { get; private set; }
    public ApplicationStatus Status { get; private set; } = ApplicationStatus.Submitted;

    public string TownName { get; private set; } = string.Empty;
    public string InseeCode { get; private set; } = string.Empty;
    public string Departement { get; private set; } = string.Empty;
    public string Region { get; private set; } = string.Empty;
    public string CiteEducativeName { get; private set; } = string.Empty;
    /// <summary>What the applicant says; staff compare it with the membership list.</summary>
    public bool ClaimsVilleBanlieueMembership { get; private set; }

    public Contact Applicant { get; private set; } = Contact.Empty;
    public string ApplicantRole { get; private set; } = string.Empty;
    public Contact Coordinator { get; private set; } = Contact.Empty;
    public DeliveryAddress Delivery { get; private set; } = DeliveryAddress.Empty;
    public string Partners { get; private set; } = string.Empty;
    public string Plan { get; private set; } = string.Empty;
    public DateTime ConsentGivenAtUtc { get; private set; }

    public IReadOnlyCollection<ApplicationChildrenCount> Children => _children;
    public IReadOnlyCollection<ApplicationStatusLink> StatusLinks => _statusLinks;

    public DateTime? ReviewStartedAtUtc { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecisionReason { get; private set; }
    public int? WaveId { get; private set; }
    public Wave? Wave { get; private set; }
    public int? TownId { get; private set; }
    public Town? Town { get; private set; }

    public bool IsDecided => Status is ApplicationStatus.Accepted or ApplicationStatus.Declined;

    /// <summary>
    /// Creates an application from a form that passes <see cref="ApplicationRules.Validate"/> (checked again here),
    /// with a private status link. The token is returned once and never stored.
    /// </summary>
    public static (TownApplication Application, string StatusToken) Submit(ApplicationForm form, IReadOnlyCollection<int> ageBandIds, DateTime nowUtc)
    {
        var errors = ApplicationRules.Validate(form, ageBandIds);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Message, errors[0].Field);
        }
        var insee = Domain.InseeCode.Parse(form.InseeCode);
        var place = Departements.OfInseeCode(insee)!.Value;
        var application = new TownApplication
        {
            SubmittedAtUtc = nowUtc,
            TownName = form.TownName!.Trim(),
            InseeCode = insee,
            Departement = place.Departement,
            Region = place.Region,
            CiteEducativeName = form.CiteEducativeName!.Trim(),
            ClaimsVilleBanlieueMembership = form.IsMember == ApplicationRules.Yes,
            Applicant = Contact.Of(form.ApplicantName, form.ApplicantEmail, ApplicationRules.NormalizePhone(form.ApplicantPhone)),
            ApplicantRole = form.ApplicantRole!.Trim(),
            Coordinator = Contact.Of(form.CoordinatorName, form.CoordinatorEmail, ApplicationRules.NormalizePhone(form.CoordinatorPhone)),
            Delivery = DeliveryAddress.Of(form.DeliveryStructure, form.DeliveryStreet, form.DeliveryPostcode, form.DeliveryCity, form.AccessNotes),
            Partners = form.Partners!.Trim(),
            Plan = form.Plan!.Trim(),
            ConsentGivenAtUtc = nowUtc,
        };
        foreach (var entry in form.Children)
        {
            application._children.Add(new ApplicationChildrenCount(entry.AgeBandId, int.Parse(entry.Count!.Trim(), System.Globalization.CultureInfo.InvariantCulture)));
        }
        var token = application.IssueStatusLink(nowUtc);
        return (application, token);
    }

    /// <summary>
    /// Adds a private status link and returns its token (shown or mailed once). Several links may exist: the
    /// one shown after submission, and the one the mail sender will issue when it sends the link.
    /// </summary>
    public string IssueStatusLink(DateTime nowUtc)
    {
        var token = SecretToken.New();
        _statusLinks.Add(new ApplicationStatusLink(SecretToken.Hash(token), nowUtc));
        return token;
    }

    public void StartReview(DateTime nowUtc)
    {
        if (Status != ApplicationStatus.Submitted)
        {
            throw new DomainException($"Cette candidature est déjà {ApplicationStatusText.Of(Status)}.");
        }
        Status = ApplicationStatus.UnderReview;
        ReviewStartedAtUtc = nowUtc;
    }

    /// <summary>Records the acceptance. The caller has added the town to the wave (the wave enforces its own rules).</summary>
    public void Accept(Wave wave, Town town, string? reason, string decidedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentNullException.ThrowIfNull(town);
        // The reason of an acceptance is an optional note for staff: nothing to explain to the town.
        Decide(ApplicationStatus.Accepted, reason, decidedBy, nowUtc, reasonRequired: false);
        Wave = wave;
        WaveId = wave.Id;
        Town = town;
        TownId = town.Id;
    }

    public void Waitlist(string? reason, string decidedBy, DateTime nowUtc)
    {
        if (Status == ApplicationStatus.Waitlisted)
        {
            throw new DomainException("Cette candidature est déjà sur liste d'attente.", "Decision");
        }
        Decide(ApplicationStatus.Waitlisted, reason, decidedBy, nowUtc, reasonRequired: true);
    }

    public void Decline(string? reason, string decidedBy, DateTime nowUtc) =>
        Decide(ApplicationStatus.Declined, reason, decidedBy, nowUtc, reasonRequired: true);

    /// <summary>Set when the retention period has passed and the personal data was replaced (figures stay).</summary>
    public DateTime? AnonymisedAtUtc { get; private set; }

    public bool IsAnonymised => AnonymisedAtUtc is not null;

    /// <summary>
    /// Replaces everything personal (contacts, the applicant's role, free texts that may name people, the street and
    /// access notes); the town, status, dates, wave and children counts stay for the programme's figures.
    /// </summary>
    public void Anonymise(DateTime nowUtc)
    {
        Applicant = PersonalData.Anonymised.Contact;
        Coordinator = PersonalData.Anonymised.Contact;
        ApplicantRole = PersonalData.Anonymised.Text;
        Partners = PersonalData.Anonymised.Text;
        Plan = PersonalData.Anonymised.Text;
        Delivery = Delivery with { Street = null, AccessNotes = null };
        AnonymisedAtUtc ??= nowUtc;
    }

    /// <summary>Erases one person: the contact(s) of this application with that address. True when one matched.</summary>
    public bool EraseContactsWithEmail(string email)
    {
        var erased = false;
        if (PersonalData.Anonymised.SameEmail(Applicant.Email, email))
        {
            Applicant = PersonalData.Anonymised.Contact;
            ApplicantRole = PersonalData.Anonymised.Text;
            erased = true;
        }
        if (PersonalData.Anonymised.SameEmail(Coordinator.Email, email))
        {
            Coordinator = PersonalData.Anonymised.Contact;
            erased = true;
        }
        return erased;
    }

    /// <summary>A person's correction of their own contact in this application (the applicant's or the coordinator's).</summary>
    public void CorrectContact(bool coordinator, Contact corrected)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        if (IsAnonymised)
        {
            throw new DomainException("Cette candidature a été anonymisée : il n'y a plus rien à corriger.");
        }
        if (!ApplicationRules.IsEmail(corrected.Email))
        {
            throw new DomainException("Saisissez une adresse électronique valide.", "Email");
        }
        if (string.IsNullOrWhiteSpace(corrected.Name))
        {
            throw new DomainException("Le nom est obligatoire.", "Name");
        }
        if (coordinator)
        {
            Coordinator = corrected;
        }
        else
        {
            Applicant = corrected;
        }
    }

    /// <summary>A reason is required where the town will read it: a decline or a place on the waiting list.</summary>
    private void Decide(ApplicationStatus decision, string? reason, string decidedBy, DateTime nowUtc, bool reasonRequired)
    {
        if (IsDecided)
        {
            throw new DomainException($"Cette candidature a déjà été {(Status == ApplicationStatus.Accepted ? "retenue" : "refusée")} : la décision est définitive.");
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            if (reasonRequired)
            {
                throw new DomainException("Indiquez le motif de la décision.", "Reason");
            }
            reason = null;
        }
        if (reason?.Length > ReasonMaxLength)
        {
            throw new DomainException($"Le motif ne peut dépasser {ReasonMaxLength} caractères.", "Reason");
        }
        Status = decision;
        DecisionReason = reason;
        DecidedBy = decidedBy;
        DecidedAtUtc = nowUtc;
        ReviewStartedAtUtc ??= nowUtc;
    }
}

/// <summary>Expected children of one age band, as the applicant gave it.</summary>
public class ApplicationChildrenCount
{
    private ApplicationChildrenCount()
    {
    }

    internal ApplicationChildrenCount(int ageBandId, int children)
    {
        AgeBandId = ageBandId;
        Children = children;
    }

    public int TownApplicationId { get; private set; }
    public int AgeBandId { get; private set; }
    public AgeBand AgeBand { get; private set; } = null!;
    public int Children { get; private set; }
}

/// <summary>A private link to follow an application: only the hash of its token is kept.</summary>
public class ApplicationStatusLink
{
    private ApplicationStatusLink()
    {
    }

    internal ApplicationStatusLink(string tokenHash, DateTime createdAtUtc)
    {
        TokenHash = tokenHash;
        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }
    public int TownApplicationId { get; private set; }
    public TownApplication Application { get; private set; } = null!;
    public string TokenHash { get; private set; } = string.Empty;
    public DateTime CreatedAtUtc { get; private set; }
}
