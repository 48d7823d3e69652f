using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Domain;

namespace MilleLivres.Web.Pages.Staff.Towns;

/// <summary>The fields of the create and edit forms; shared because both pages edit the same thing.</summary>
public sealed class TownInput
{
    [Display(Name = "Nom de la ville")]
    [Required(ErrorMessage = "Le nom de la ville est obligatoire.")]
    [StringLength(Town.NameMaxLength, ErrorMessage = "Le nom de la ville ne peut dépasser {1} caractères.")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Code INSEE")]
    [Required(ErrorMessage = "Le code INSEE est obligatoire.")]
    public string InseeCode { get; set; } = string.Empty;

    [Display(Name = "Département")]
    [StringLength(80)]
    public string? Departement { get; set; }

    [Display(Name = "Région")]
    [StringLength(80)]
    public string? Region { get; set; }

    [Display(Name = "Nom de la Cité éducative")]
    [StringLength(200)]
    public string? CiteEducativeName { get; set; }

    [Display(Name = "Adhérente de Ville & Banlieue")]
    public bool IsVilleBanlieueMember { get; set; }

    [Display(Name = "État")]
    public TownStatus Status { get; set; } = TownStatus.Candidate;

    public ContactInput Coordinator { get; set; } = new();

    /// <summary>Who receives the cartons when it is not the coordinator; copied on the delivery mails.</summary>
    public ContactInput DeliveryContact { get; set; } = new();

    [Display(Name = "Structure (médiathèque, mairie, collège…)")]
    [StringLength(DeliveryAddress.StructureMaxLength)]
    public string? DeliveryStructure { get; set; }

    [Display(Name = "Numéro et rue")]
    [StringLength(DeliveryAddress.StreetMaxLength)]
    public string? DeliveryStreet { get; set; }

    [Display(Name = "Code postal")]
    [RegularExpression(@"^\d{5}$", ErrorMessage = "Le code postal doit compter 5 chiffres.")]
    public string? DeliveryPostcode { get; set; }

    [Display(Name = "Commune")]
    [StringLength(DeliveryAddress.CityMaxLength)]
    public string? DeliveryCity { get; set; }

    [Display(Name = "Indications d'accès")]
    [StringLength(DeliveryAddress.AccessNotesMaxLength, ErrorMessage = "Les indications d'accès ne peuvent dépasser {1} caractères.")]
    public string? AccessNotes { get; set; }

    public ContactInput Principal { get; set; } = new();
    public ContactInput DeputyDirectorGeneral { get; set; } = new();
    public ContactInput PrefectDelegate { get; set; } = new();

    public static TownInput From(Town t) => new()
    {
        Name = t.Name,
        InseeCode = t.InseeCode,
        Departement = t.Departement,
        Region = t.Region,
        CiteEducativeName = t.CiteEducativeName,
        IsVilleBanlieueMember = t.IsVilleBanlieueMember,
        Status = t.Status,
        Coordinator = ContactInput.From(t.CoordinatorContact),
        DeliveryContact = ContactInput.From(t.DeliveryContact),
        DeliveryStructure = t.DeliveryAddress.Structure,
        DeliveryStreet = t.DeliveryAddress.Street,
        DeliveryPostcode = t.DeliveryAddress.Postcode,
        DeliveryCity = t.DeliveryAddress.City,
        AccessNotes = t.DeliveryAddress.AccessNotes,
        Principal = ContactInput.From(t.Principal),
        DeputyDirectorGeneral = ContactInput.From(t.DeputyDirectorGeneral),
        PrefectDelegate = ContactInput.From(t.PrefectDelegate),
    };

    public void ApplyTo(Town town)
    {
        town.Update(Name, InseeCode, Departement ?? string.Empty, Region ?? string.Empty, CiteEducativeName ?? string.Empty, IsVilleBanlieueMember);
        ApplyDetails(town);
    }

    private void ApplyDetails(Town town)
    {
        town.SetTroika(Principal.ToContact(), DeputyDirectorGeneral.ToContact(), PrefectDelegate.ToContact());
        town.SetCoordinatorContact(Coordinator.ToContact());
        town.SetDeliveryContact(DeliveryContact.ToContact());
        town.SetDeliveryAddress(DeliveryAddress.Of(DeliveryStructure, DeliveryStreet, DeliveryPostcode, DeliveryCity, AccessNotes));
        town.SetStatus(Status);
    }

    public Town ToNewTown()
    {
        var town = new Town(Name, InseeCode, Departement ?? string.Empty, Region ?? string.Empty, CiteEducativeName ?? string.Empty, IsVilleBanlieueMember);
        ApplyDetails(town);
        return town;
    }
}

public sealed class ContactInput
{
    [Display(Name = "Nom")]
    [StringLength(120)]
    public string? Name { get; set; }

    [Display(Name = "Courriel")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n'est pas valide.")]
    [StringLength(254)]
    public string? Email { get; set; }

    [Display(Name = "Téléphone")]
    [Phone(ErrorMessage = "Ce numéro de téléphone n'est pas valide.")]
    [StringLength(30)]
    public string? Phone { get; set; }

    public static ContactInput From(Contact c) => new() { Name = c.Name, Email = c.Email, Phone = c.Phone };

    public Contact ToContact() => Contact.Of(Name, Email, Phone);
}
