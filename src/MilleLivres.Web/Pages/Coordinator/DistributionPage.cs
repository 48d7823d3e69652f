using System.Text.RegularExpressions;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>What the distribution pages share: the form of one row, the lists to choose from, error placement.</summary>
public static partial class DistributionPage
{
    public sealed class RowForm
    {
        public DateOnly? Date { get; set; }
        public PlaceKind? PlaceKind { get; set; }
        public string? PlaceName { get; set; }
        public int? AgeBandId { get; set; }
        public int? ChildrenReached { get; set; }
        public int? BooksHandedOut { get; set; }
        public string? Comment { get; set; }

        /// <summary>Nothing typed but the prefilled date: the row is ignored.</summary>
        public bool IsBlank => string.IsNullOrWhiteSpace(PlaceName) && PlaceKind is null && AgeBandId is null
            && ChildrenReached is null && BooksHandedOut is null && string.IsNullOrWhiteSpace(Comment);

        public RowInput ToInput() => new(Date, PlaceKind, PlaceName, AgeBandId, ChildrenReached, BooksHandedOut, Comment);
    }

    public static IReadOnlyList<SelectListItem> PlaceKinds() =>
        Enum.GetValues<PlaceKind>().Select(k => new SelectListItem(DistributionText.Of(k), k.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> Sources() =>
        Enum.GetValues<TestimonialSource>().Select(k => new SelectListItem(DistributionText.Of(k), k.ToString())).ToList();

    [GeneratedRegex(@"^Rows\[(\d+)\]")]
    private static partial Regex RowIndex();

    /// <summary>
    /// Puts the domain's message next to its field. Row fields name the row's place among the rows sent (blank rows
    /// left out); <paramref name="positions"/> maps it back to the row on the form.
    /// </summary>
    public static void AddError(ModelStateDictionary modelState, DomainException e, string prefix, IReadOnlyList<int>? positions = null)
    {
        var field = e.Field;
        if (field is not null && positions is not null)
        {
            field = RowIndex().Replace(field, m => $"Rows[{positions[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]}]");
        }
        modelState.AddModelError(field is null ? string.Empty : $"{prefix}.{field}", e.Message);
    }

    /// <summary>True when model binding found no error in the fields of this form (the other forms' fields are not posted).</summary>
    public static bool IsValid(ModelStateDictionary modelState, string prefix) =>
        !modelState.Where(e => e.Key.StartsWith(prefix + ".", StringComparison.Ordinal) || e.Key == prefix)
            .Any(e => e.Value?.ValidationState == ModelValidationState.Invalid);
}
