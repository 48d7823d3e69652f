using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Model binding's own messages, in French (the defaults are English: "The value '2147483648' is not valid for
/// Quantity."). Shown next to the field the value was typed in, so they need not name it.
/// </summary>
public static class FrenchBindingMessages
{
    public const string Required = "Ce champ est obligatoire.";

    public static string Invalid(string value) =>
        $"La valeur « {value} » n'est pas valide pour ce champ : vérifiez le nombre ou la date saisis.";

    public const string Unreadable = "La valeur saisie n'est pas valide pour ce champ.";

    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetMissingBindRequiredValueAccessor(_ => Required);
        messages.SetMissingKeyOrValueAccessor(() => Required);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => Required);
        messages.SetValueMustNotBeNullAccessor(_ => Required);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => Invalid(value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(Invalid);
        messages.SetUnknownValueIsInvalidAccessor(_ => Unreadable);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Unreadable);
        messages.SetValueIsInvalidAccessor(Invalid);
        messages.SetValueMustBeANumberAccessor(_ => "Ce champ attend un nombre.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Ce champ attend un nombre.");
    }
}
