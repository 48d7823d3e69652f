using System.Text.RegularExpressions;
using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Distribution;

/// <summary>The kind of place where books were handed out: the fixed list coordinators choose from.</summary>
public enum PlaceKind
{
    EcoleMaternelle = 0,
    EcoleElementaire = 1,
    College = 2,
    Lycee = 3,
    Mediatheque = 4,
    CentreSocial = 5,
    AccueilDeLoisirs = 6,
    Pmi = 7,
    Autre = 8,
}

/// <summary>Who a testimonial comes from: a role, never a person.</summary>
public enum TestimonialSource
{
    Child = 0,
    Parent = 1,
    Teacher = 2,
    Other = 3,
}

public enum ModerationState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

public enum DistributionReportState
{
    Open = 0,
    Finished = 1,
}

public static class DistributionText
{
    public static string Of(PlaceKind kind) => kind switch
    {
        PlaceKind.EcoleMaternelle => "école maternelle",
        PlaceKind.EcoleElementaire => "école élémentaire",
        PlaceKind.College => "collège",
        PlaceKind.Lycee => "lycée",
        PlaceKind.Mediatheque => "médiathèque",
        PlaceKind.CentreSocial => "centre social",
        PlaceKind.AccueilDeLoisirs => "accueil de loisirs",
        PlaceKind.Pmi => "PMI",
        PlaceKind.Autre => "autre",
        _ => kind.ToString(),
    };

    public static string Of(TestimonialSource source) => source switch
    {
        TestimonialSource.Child => "un enfant",
        TestimonialSource.Parent => "un parent",
        TestimonialSource.Teacher => "un·e enseignant·e ou animateur·rice",
        TestimonialSource.Other => "autre",
        _ => source.ToString(),
    };

    public static string Of(ModerationState state) => state switch
    {
        ModerationState.Pending => "à modérer",
        ModerationState.Approved => "approuvé",
        ModerationState.Rejected => "refusé",
        _ => state.ToString(),
    };
}

/// <summary>A distribution row's date is in the future, before the first receipt, or nothing is received yet.</summary>
public sealed class ImplausibleDistributionDateException(string message, string field) : DomainException(message, field);

/// <summary>More books handed out in a band than the town received in it.</summary>
public sealed class MoreBooksThanReceivedException(string message, string field) : DomainException(message, field);

/// <summary>A count out of bounds, a place not in the list, an unknown band, a text too long.</summary>
public sealed class InvalidDistributionException(string message, string field) : DomainException(message, field);

/// <summary>A free text that looks like an email address or a phone number.</summary>
public sealed class PersonalDataInTextException(string message, string field) : DomainException(message, field);

/// <summary>The town marked its distribution finished: rows no longer change until staff reopen it.</summary>
public sealed class DistributionFinishedException(string message) : DomainException(message);

/// <summary>No such report, row or testimonial for the user's towns (the page answers 404).</summary>
public sealed class DistributionNotFoundException() : DomainException("Cette distribution n'existe pas.");

/// <summary>
/// Free texts of distributions (comments, testimonials) must not carry anyone's contact details: the children are
/// minors, and a testimonial may be quoted. Text that looks like an email address or a French or international phone
/// number is refused with a message saying why.
/// </summary>
public static partial class PersonalDataGuard
{
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+\s*(@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // A French number (0X XX XX XX XX, +33 / 0033 X XX XX XX XX, spaces, dots or dashes between pairs), or any
    // international number (+ and 7 to 13 digits). Dates (12/06/2026) and counts do not match.
    [GeneratedRegex(@"(?<!\d)(?:(?:\+33|0033)[\s.\-]?(?:\(0\))?[\s.\-]?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)|\+\d(?:[\s.\-]?\d){6,12}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    public static bool LooksLikeEmail(string text) => Email().IsMatch(text);

    public static bool LooksLikePhone(string text) => Phone().IsMatch(text);

    /// <summary>Trims; null when empty; refuses too long, an email address or a phone number.</summary>
    public static string? Clean(string? text, int maxLength, string field, string what)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (value is null)
        {
            return null;
        }
        if (value.Length > maxLength)
        {
            throw new InvalidDistributionException($"{what} ne peut dépasser {maxLength} caractères.", field);
        }
        if (LooksLikeEmail(value))
        {
            throw new PersonalDataInTextException(
                $"{what} semble contenir une adresse électronique : retirez-la. Aucune coordonnée ne doit être enregistrée ici (les enfants sont mineurs et ce texte peut être cité).", field);
        }
        if (LooksLikePhone(value))
        {
            throw new PersonalDataInTextException(
                $"{what} semble contenir un numéro de téléphone : retirez-le. Aucune coordonnée ne doit être enregistrée ici (les enfants sont mineurs et ce texte peut être cité).", field);
        }
        return value;
    }
}
