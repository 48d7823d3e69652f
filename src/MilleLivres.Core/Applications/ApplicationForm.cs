using System.Globalization;
using System.Text.RegularExpressions;
using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Applications;

/// <summary>
/// What an applicant typed, as typed (strings, so a wrong number gets a French message rather than a binder error).
/// Property names are the form's field names: validation errors name them.
/// </summary>
public sealed class ApplicationForm
{
    public string? TownName { get; set; }
    public string? InseeCode { get; set; }
    public string? CiteEducativeName { get; set; }
    /// <summary>"oui" or "non".</summary>
    public string? IsMember { get; set; }
    public string? ApplicantName { get; set; }
    public string? ApplicantRole { get; set; }
    public string? ApplicantEmail { get; set; }
    public string? ApplicantPhone { get; set; }
    public string? CoordinatorName { get; set; }
    public string? CoordinatorEmail { get; set; }
    public string? CoordinatorPhone { get; set; }
    public string? DeliveryStructure { get; set; }
    public string? DeliveryStreet { get; set; }
    public string? DeliveryPostcode { get; set; }
    public string? DeliveryCity { get; set; }
    public string? AccessNotes { get; set; }
    public string? Partners { get; set; }
    public string? Plan { get; set; }
    public bool Consent { get; set; }
    /// <summary>Expected children, one entry per age band, in the form's order.</summary>
    public List<ChildrenEntry> Children { get; set; } = [];

    public sealed class ChildrenEntry
    {
        public int AgeBandId { get; set; }
        public string? Count { get; set; }
    }
}

public sealed record FieldError(string Field, string Message);

/// <summary>The rules of the application form. Returns every problem at once, each with its field.</summary>
public static partial class ApplicationRules
{
    public const int NameMaxLength = 120;
    public const int RoleMaxLength = 120;
    public const int EmailMaxLength = 254;
    public const int CiteNameMaxLength = 200;
    public const int PartnersMaxLength = 1000;
    public const int PlanMaxLength = 2000;
    public const int MaxChildrenPerBand = Town.MaxChildrenPerBand;
    public const string Yes = "oui";
    public const string No = "non";

    // The HTML living standard's "valid e-mail address": what browsers accept, no quoted local parts.
    [GeneratedRegex(@"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$")]
    private static partial Regex EmailPattern();

    // The characters an account name may hold (ASP.NET Core Identity's default): the coordinator's address becomes one.
    [GeneratedRegex(@"^[a-zA-Z0-9\-._@+]+$")]
    private static partial Regex AccountNamePattern();

    public static bool IsAccountEmail(string? value) => IsEmail(value) && AccountNamePattern().IsMatch(value!.Trim());

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"[\s.\-]")]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^(?:0|\+33|0033)([1-9]\d{8})$")]
    private static partial Regex PhonePattern();

    public static bool IsEmail(string? value) =>
        value is { Length: > 0 and <= EmailMaxLength } && EmailPattern().IsMatch(value.Trim());

    public static bool IsPostcode(string? value) => value is not null && PostcodePattern().IsMatch(value.Trim());

    /// <summary>A French phone number ("01 23 45 67 89", "+33 1 23 45 67 89"...) written as "01 23 45 67 89", or null.</summary>
    public static string? NormalizePhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 30)
        {
            return null;
        }
        var match = PhonePattern().Match(PhoneSeparators().Replace(value.Trim(), ""));
        if (!match.Success)
        {
            return null;
        }
        var digits = "0" + match.Groups[1].Value;
        return string.Join(' ', Enumerable.Range(0, 5).Select(i => digits.Substring(i * 2, 2)));
    }

    public static IReadOnlyList<FieldError> Validate(ApplicationForm form, IReadOnlyCollection<int> ageBandIds)
    {
        var errors = new List<FieldError>();
        void Required(string field, string? value, int max, string missing, string what)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new(field, missing));
            }
            else if (value.Trim().Length > max)
            {
                errors.Add(new(field, $"{what} ne peut dépasser {max} caractères."));
            }
        }
        void Optional(string field, string? value, int max, string what)
        {
            if (value is not null && value.Trim().Length > max)
            {
                errors.Add(new(field, $"{what} ne peut dépasser {max} caractères."));
            }
        }
        void Email(string field, string? value, string missing)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new(field, missing));
            }
            else if (!IsEmail(value))
            {
                errors.Add(new(field, "Cette adresse électronique n'est pas valide (exemple : prenom.nom@ville.fr)."));
            }
        }
        void Phone(string field, string? value, string missing)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new(field, missing));
            }
            else if (NormalizePhone(value) is null)
            {
                errors.Add(new(field, "Ce numéro de téléphone n'est pas un numéro français valide (exemple : 01 23 45 67 89)."));
            }
        }

        Required(nameof(form.TownName), form.TownName, Town.NameMaxLength, "Indiquez le nom de la ville.", "Le nom de la ville");
        if (string.IsNullOrWhiteSpace(form.InseeCode))
        {
            errors.Add(new(nameof(form.InseeCode), "Indiquez le code INSEE de la commune."));
        }
        else if (!Domain.InseeCode.IsValid(form.InseeCode) || Departements.OfInseeCode(form.InseeCode) is null)
        {
            errors.Add(new(nameof(form.InseeCode), "Ce code INSEE n'est pas valide : 5 chiffres (2A ou 2B suivis de 3 chiffres pour la Corse)."));
        }
        Required(nameof(form.CiteEducativeName), form.CiteEducativeName, CiteNameMaxLength, "Indiquez le nom de la Cité éducative.", "Le nom de la Cité éducative");
        if (form.IsMember is not (Yes or No))
        {
            errors.Add(new(nameof(form.IsMember), "Indiquez si la ville adhère à Ville & Banlieue."));
        }

        Required(nameof(form.ApplicantName), form.ApplicantName, NameMaxLength, "Indiquez votre nom.", "Le nom");
        Required(nameof(form.ApplicantRole), form.ApplicantRole, RoleMaxLength, "Indiquez votre mandat ou votre fonction.", "Le mandat ou la fonction");
        Email(nameof(form.ApplicantEmail), form.ApplicantEmail, "Indiquez votre adresse électronique.");
        Phone(nameof(form.ApplicantPhone), form.ApplicantPhone, "Indiquez votre numéro de téléphone.");

        Required(nameof(form.CoordinatorName), form.CoordinatorName, NameMaxLength, "Indiquez le nom de la personne qui coordonnera.", "Le nom");
        Email(nameof(form.CoordinatorEmail), form.CoordinatorEmail, "Indiquez l'adresse électronique de la personne qui coordonnera.");
        if (IsEmail(form.CoordinatorEmail) && !IsAccountEmail(form.CoordinatorEmail))
        {
            errors.Add(new(nameof(form.CoordinatorEmail),
                "Cette adresse servira d'identifiant de connexion : seuls les lettres sans accent, chiffres et les signes - . _ + sont acceptés."));
        }
        Phone(nameof(form.CoordinatorPhone), form.CoordinatorPhone, "Indiquez le numéro de téléphone de la personne qui coordonnera.");

        Required(nameof(form.DeliveryStructure), form.DeliveryStructure, DeliveryAddress.StructureMaxLength, "Indiquez la structure qui recevra les livres.", "La structure");
        Required(nameof(form.DeliveryStreet), form.DeliveryStreet, DeliveryAddress.StreetMaxLength, "Indiquez le numéro et la rue.", "L'adresse");
        if (string.IsNullOrWhiteSpace(form.DeliveryPostcode))
        {
            errors.Add(new(nameof(form.DeliveryPostcode), "Indiquez le code postal."));
        }
        else if (!IsPostcode(form.DeliveryPostcode))
        {
            errors.Add(new(nameof(form.DeliveryPostcode), "Le code postal compte 5 chiffres (exemple : 62300)."));
        }
        Required(nameof(form.DeliveryCity), form.DeliveryCity, DeliveryAddress.CityMaxLength, "Indiquez la commune de livraison.", "La commune");
        Optional(nameof(form.AccessNotes), form.AccessNotes, DeliveryAddress.AccessNotesMaxLength, "Les indications d'accès");

        var anyChild = false;
        var seen = new HashSet<int>();
        for (var i = 0; i < form.Children.Count; i++)
        {
            var entry = form.Children[i];
            var field = $"Children[{i}].Count";
            if (!ageBandIds.Contains(entry.AgeBandId) || !seen.Add(entry.AgeBandId))
            {
                errors.Add(new(field, "Tranche d'âge inconnue : rechargez la page."));
                continue;
            }
            var raw = (entry.Count ?? string.Empty).Trim();
            if (raw.Length == 0)
            {
                errors.Add(new(field, "Indiquez un nombre d'enfants (0 si aucun)."));
            }
            else if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                errors.Add(new(field, "Indiquez un nombre entier positif ou nul, sans espace ni virgule."));
            }
            else if (n > MaxChildrenPerBand)
            {
                errors.Add(new(field, Town.TooManyChildren));
            }
            else if (n > 0)
            {
                anyChild = true;
            }
        }
        if (form.Children.Count != ageBandIds.Count)
        {
            errors.Add(new(nameof(form.Children), "Indiquez le nombre d'enfants de chaque tranche d'âge."));
        }
        else if (!anyChild && errors.All(e => !e.Field.StartsWith("Children[", StringComparison.Ordinal)))
        {
            errors.Add(new(nameof(form.Children), "Indiquez au moins une tranche d'âge avec un nombre d'enfants supérieur à 0."));
        }

        Required(nameof(form.Partners), form.Partners, PartnersMaxLength, "Indiquez les partenaires de la distribution (écoles, médiathèque, centres sociaux...).", "La liste des partenaires");
        Required(nameof(form.Plan), form.Plan, PlanMaxLength, "Décrivez en quelques lignes comment les livres seront distribués.", "Le projet");
        if (!form.Consent)
        {
            errors.Add(new(nameof(form.Consent), "Vous devez accepter le traitement de ces données pour candidater."));
        }
        return errors;
    }
}
