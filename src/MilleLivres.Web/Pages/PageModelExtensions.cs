using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MilleLivres.Web.Pages;

public static class ModelStateExtensions
{
    /// <summary>Puts a domain rule's French message next to the field it is about (or at the top of the form).</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, DomainException e, string prefix = "Input")
    {
        var key = e.Field is null ? string.Empty : $"{prefix}.{e.Field}";
        modelState.AddModelError(key, e.Message);
    }
}
