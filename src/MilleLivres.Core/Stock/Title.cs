using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Stock;

/// <summary>
/// A book title in Biblionef's stock. Its counters (<see cref="OnHand"/>, <see cref="Reserved"/>, <see cref="Available"/>)
/// are written only by <see cref="StockLedger"/> (and the bulk import), in the same transaction as the movement row.
/// </summary>
public class Title : IAudited
{
    public const int NameMaxLength = 300;
    public const int AuthorsMaxLength = 300;
    public const int PublisherMaxLength = 200;
    public const int LanguageMaxLength = 40;
    public const string DefaultLanguage = "français";

    private Title()
    {
    }

    public Title(string isbn, string name, string? authors, string? publisher, int ageBandId, Genre genre, string? language = null)
    {
        Isbn = Stock.Isbn.Parse(isbn);
        Update(name, authors, publisher, ageBandId, genre, language);
    }

    /// <summary>
    /// An ISBN the stock does not know creates its title from the same line, whether the line is a donation's or an
    /// import file's: the line must at least name the book. The one message both say when it does not.
    /// </summary>
    public static string UnknownIsbnNeedsName(string isbn) =>
        $"ISBN {isbn} inconnu du stock : le titre est obligatoire pour le créer (avec sa tranche d'âge et son genre).";

    /// <summary>The title an unknown ISBN creates from a received line (see <see cref="UnknownIsbnNeedsName"/>).</summary>
    public static Title FromReceivedLine(string isbn, string? name, string? authors, string? publisher, int ageBandId, Genre genre, string? language = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(UnknownIsbnNeedsName(isbn), nameof(Name));
        }
        return new Title(isbn, name, authors, publisher, ageBandId, genre, language);
    }

    public int Id { get; private set; }

    /// <summary>The 13 digits of the ISBN-13.</summary>
    public string Isbn { get; private set; } = string.Empty;
    public string Name { get; private set; } = string.Empty;
    public string Authors { get; private set; } = string.Empty;
    public string Publisher { get; private set; } = string.Empty;
    public int AgeBandId { get; private set; }
    public AgeBand AgeBand { get; private set; } = null!;
    public Genre Genre { get; private set; }
    public string Language { get; private set; } = DefaultLanguage;

    /// <summary>Copies in the warehouse (including reserved ones not yet shipped).</summary>
    public int OnHand { get; private set; }

    /// <summary>Copies promised to a wave and not yet shipped.</summary>
    public int Reserved { get; private set; }

    /// <summary>OnHand - Reserved: a stored computed column, so it can be filtered, sorted and summed in SQL.</summary>
    public int Available { get; private set; }

    /// <summary>ISBN, title, authors and publisher folded (lower case, no accents), for one LIKE search.</summary>
    public string SearchText { get; private set; } = string.Empty;

    /// <summary>The title's natural French sort key (<see cref="TextKey.NaturalSortKey"/>): the stock list's order.</summary>
    public string SortKey { get; private set; } = string.Empty;

    public void Update(string name, string? authors, string? publisher, int ageBandId, Genre genre, string? language)
    {
        // Control characters never reach the stock, whatever the source (a form, a publisher's file, the command line).
        name = TextInput.Clean(name);
        authors = TextInput.Clean(authors);
        publisher = TextInput.Clean(publisher);
        language = TextInput.Clean(language);
        var error = Validate(name, authors, publisher, ageBandId, genre, language);
        if (error is not null)
        {
            throw new DomainException(error.Value.Message, error.Value.Field);
        }
        Name = name.Trim();
        Authors = (authors ?? string.Empty).Trim();
        Publisher = (publisher ?? string.Empty).Trim();
        AgeBandId = ageBandId;
        Genre = genre;
        Language = string.IsNullOrWhiteSpace(language) ? DefaultLanguage : language.Trim();
        SearchText = BuildSearchText(Isbn, Name, Authors, Publisher);
        SortKey = TextKey.NaturalSortKey(Name);
    }

    /// <summary>The same rules as <see cref="Update"/>, without throwing: for the import preview.</summary>
    public static (string Message, string Field)? Validate(string? name, string? authors, string? publisher, int ageBandId, Genre genre, string? language)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return ("Le titre du livre est obligatoire.", nameof(Name));
        }
        if (trimmed.Length > NameMaxLength)
        {
            return ($"Le titre ne peut dépasser {NameMaxLength} caractères.", nameof(Name));
        }
        if ((authors ?? string.Empty).Trim().Length > AuthorsMaxLength)
        {
            return ($"Les auteurs ne peuvent dépasser {AuthorsMaxLength} caractères.", nameof(Authors));
        }
        if ((publisher ?? string.Empty).Trim().Length > PublisherMaxLength)
        {
            return ($"L'éditeur ne peut dépasser {PublisherMaxLength} caractères.", nameof(Publisher));
        }
        if (ageBandId <= 0)
        {
            return ("Choisissez une tranche d'âge.", nameof(AgeBandId));
        }
        if (!Enum.IsDefined(genre))
        {
            return ($"Genre inconnu : {GenreText.AllFrench}.", nameof(Genre));
        }
        if ((language ?? string.Empty).Trim().Length > LanguageMaxLength)
        {
            return ($"La langue ne peut dépasser {LanguageMaxLength} caractères.", nameof(Language));
        }
        return null;
    }

    public static string BuildSearchText(string isbn, string name, string authors, string publisher) =>
        TextKey.Fold($"{isbn} {name} {authors} {publisher}");
}
