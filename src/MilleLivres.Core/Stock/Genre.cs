namespace MilleLivres.Core.Stock;

public enum Genre
{
    Album = 0,
    Roman = 1,
    BandeDessinee = 2,
    Documentaire = 3,
    Poesie = 4,
    Theatre = 5,
    Autre = 6,
}

public static class GenreText
{
    public static string Of(Genre genre) => genre switch
    {
        Genre.Album => "album",
        Genre.Roman => "roman",
        Genre.BandeDessinee => "bande dessinée",
        Genre.Documentaire => "documentaire",
        Genre.Poesie => "poésie",
        Genre.Theatre => "théâtre",
        _ => "autre",
    };

    public static string AllFrench => string.Join(", ", Enum.GetValues<Genre>().Select(Of));

    /// <summary>French or English words publishers use; empty means "autre".</summary>
    public static bool TryParse(string? text, out Genre genre)
    {
        var key = TextKey.Compact(text);
        Genre? found = key switch
        {
            "" or "autre" or "other" or "divers" => Genre.Autre,
            "album" or "albums" or "albumjeunesse" or "picturebook" or "imagier" => Genre.Album,
            "roman" or "romans" or "novel" or "fiction" or "romanjeunesse" => Genre.Roman,
            "bandedessinee" or "bd" or "bandesdessinees" or "comic" or "comics" or "manga" => Genre.BandeDessinee,
            "documentaire" or "documentaires" or "doc" or "nonfiction" => Genre.Documentaire,
            "poesie" or "poesies" or "poetry" or "poemes" => Genre.Poesie,
            "theatre" or "drama" or "play" => Genre.Theatre,
            _ => null,
        };
        genre = found ?? Genre.Autre;
        return found is not null;
    }
}
