namespace MilleLivres.Core.Domain;

/// <summary>Where a town's cartons are delivered: a structure (media library, town hall...) and how to get in.</summary>
public sealed record DeliveryAddress(string? Structure, string? Street, string? Postcode, string? City, string? AccessNotes)
{
    public const int StructureMaxLength = 200;
    public const int StreetMaxLength = 200;
    public const int CityMaxLength = 120;
    public const int AccessNotesMaxLength = 500;

    public static DeliveryAddress Empty { get; } = new(null, null, null, null, null);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Structure) && string.IsNullOrWhiteSpace(Street)
        && string.IsNullOrWhiteSpace(Postcode) && string.IsNullOrWhiteSpace(City);

    public static DeliveryAddress Of(string? structure, string? street, string? postcode, string? city, string? accessNotes) =>
        new(Clean(structure), Clean(street), Clean(postcode), Clean(city), Clean(accessNotes));

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
