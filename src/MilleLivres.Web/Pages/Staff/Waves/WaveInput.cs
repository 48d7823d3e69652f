using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Domain;

namespace MilleLivres.Web.Pages.Staff.Waves;

public sealed class WaveInput
{
    [Display(Name = "Numéro")]
    [Required(ErrorMessage = "Le numéro de vague est obligatoire.")]
    [Range(1, 999, ErrorMessage = "Le numéro de vague doit être compris entre {1} et {2}.")]
    public int? Number { get; set; }

    [Display(Name = "Nom")]
    [Required(ErrorMessage = "Le nom de la vague est obligatoire.")]
    [StringLength(Wave.NameMaxLength, ErrorMessage = "Le nom de la vague ne peut dépasser {1} caractères.")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Livraison prévue le")]
    [PlausibleDate]
    [DataType(DataType.Date)]
    public DateOnly? PlannedDeliveryOn { get; set; }

    [Display(Name = "Livrée le")]
    [PlausibleDate]
    [DataType(DataType.Date)]
    public DateOnly? ActualDeliveryOn { get; set; }

    [Display(Name = "Notes")]
    [StringLength(2000, ErrorMessage = "Les notes ne peuvent dépasser {1} caractères.")]
    public string? Notes { get; set; }

    public static WaveInput From(Wave w) => new()
    {
        Number = w.Number,
        Name = w.Name,
        PlannedDeliveryOn = w.PlannedDeliveryOn,
        ActualDeliveryOn = w.ActualDeliveryOn,
        Notes = w.Notes,
    };
}
