using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using MilleLivres.Core.Data;
using Microsoft.Extensions.Caching.Memory;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// The map of France with the départements served, as its own SVG resource (ADR 0826): drawn once per state of the
/// audited data (towns and wave towns are audited), named by a hash of its bytes so a page can link it with that hash in
/// the URL and browsers keep it until the départements served change. The pages keep the table of the départements and
/// the licence credit; the picture no longer travels inside every page.
/// </summary>
public sealed class ServedMap(AppDbContext db, ServedDepartements served, FranceMap map, IMemoryCache cache)
{
    /// <summary>Where the picture is served (Pages/Carte.cshtml); pages add <c>?v=</c> and its <see cref="Picture.Hash"/>.</summary>
    public const string Path = "/carte/departements-servis.svg";

    private const string Fill = "#e9ecef";
    private const string Stroke = "#6c757d";
    private const string ServedFill = "#2f6fab";
    private const string ServedStroke = "#12355b";

    /// <summary>The départements served, the SVG's bytes, and a hash of them (the version in the URL).</summary>
    public sealed record Picture(IReadOnlyList<ServedDepartement> Departements, byte[] Svg, string Hash)
    {
        public string Url => $"{Path}?v={Hash}";

        /// <summary>The text alternative of the picture (its alt and its title).</summary>
        public string Description => Describe(Departements);
    }

    /// <summary>
    /// The picture for a state of the data the caller already read (the figures' version, which contains the newest
    /// audit id): one query for the départements served, then nothing until that state changes.
    /// </summary>
    public async Task<Picture> ForVersionAsync(string version, CancellationToken ct = default)
    {
        var key = (nameof(ServedMap), version);
        if (!cache.TryGetValue(key, out Picture? picture) || picture is null)
        {
            picture = Draw(map, await served.ListAsync(ct));
            cache.Set(key, picture, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 });
        }
        return picture;
    }

    /// <summary>The picture as the data stands now: one small statement (the audit state, ADR 0529) when nothing changed.</summary>
    public async Task<Picture> CurrentAsync(CancellationToken ct = default) =>
        await ForVersionAsync("audit-" + await db.AuditStateAsync(ct: ct), ct);

    /// <summary>The resource: the SVG's bytes and their hash (the version in its URL).</summary>
    public static Picture Draw(FranceMap map, IReadOnlyList<ServedDepartement> departements)
    {
        var bytes = Encoding.UTF8.GetBytes(Svg(map, departements, "titre"));
        return new Picture(departements, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)));
    }

    /// <summary>The text alternative of the map (the picture's alt, the SVG's title).</summary>
    public static string Describe(IReadOnlyList<ServedDepartement> departements) =>
        $"Carte de France par département : {departements.Count} département(s) servi(s), {departements.Sum(d => d.Towns.Count)} ville(s). Le détail est dans le tableau qui suit.";

    /// <summary>
    /// The one drawing of the map (ADRs 0820, 0826), for the resource and for a page that shows it inline (the public
    /// figures): colours as attributes (an SVG shown by an img element does not see the page's style sheet, and the
    /// site's CSP allows no inline style; inline, the style sheet's classes take over), a title for the whole picture,
    /// with the id given, and one per département served.
    /// </summary>
    public static string Svg(FranceMap map, IReadOnlyList<ServedDepartement> departements, string titleId)
    {
        var byCode = departements.ToDictionary(d => d.Code, StringComparer.Ordinal);
        var inv = CultureInfo.InvariantCulture;
        string Num(double v) => v.ToString("0.##", inv);
        const string ns = "http://www.w3.org/2000/svg";
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("svg", ns);
            w.WriteAttributeString("viewBox", map.ViewBox);
            w.WriteAttributeString("width", Num(map.Width));
            w.WriteAttributeString("height", Num(map.Height));
            w.WriteAttributeString("role", "img");
            w.WriteAttributeString("aria-labelledby", titleId);
            w.WriteAttributeString("focusable", "false");
            w.WriteAttributeString("class", "france-map-svg");
            w.WriteStartElement("title", ns);
            w.WriteAttributeString("id", titleId);
            w.WriteString(Describe(departements));
            w.WriteEndElement();
            w.WriteStartElement("g", ns);
            w.WriteAttributeString("class", "france-map-metropole");
            w.WriteAttributeString("stroke-width", "0.5");
            foreach (var shape in map.Shapes.Where(s => !s.IsInset))
            {
                var isServed = byCode.TryGetValue(shape.Code, out var d);
                w.WriteStartElement("path", ns);
                w.WriteAttributeString("d", shape.Path);
                w.WriteAttributeString("class", isServed ? "dep dep-served" : "dep");
                w.WriteAttributeString("data-code", shape.Code);
                w.WriteAttributeString("fill", isServed ? ServedFill : Fill);
                w.WriteAttributeString("stroke", isServed ? ServedStroke : Stroke);
                if (isServed)
                {
                    w.WriteElementString("title", ns, $"{shape.Name} ({shape.Code}) : {string.Join(", ", d!.Towns)}");
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteStartElement("g", ns);
            w.WriteAttributeString("class", "france-map-outre-mer");
            w.WriteAttributeString("stroke-width", "0.5");
            foreach (var shape in map.Shapes.Where(s => s.IsInset))
            {
                var isServed = byCode.TryGetValue(shape.Code, out var d);
                w.WriteStartElement("g", ns);
                w.WriteAttributeString("data-code", shape.Code);
                w.WriteAttributeString("class", isServed ? "inset inset-served" : "inset");
                if (isServed)
                {
                    w.WriteElementString("title", ns, $"{shape.Name} ({shape.Code}) : {string.Join(", ", d!.Towns)}");
                }
                w.WriteStartElement("rect", ns);
                w.WriteAttributeString("x", Num(shape.X));
                w.WriteAttributeString("y", Num(shape.Y));
                w.WriteAttributeString("width", Num(shape.Width));
                w.WriteAttributeString("height", Num(shape.Height));
                w.WriteAttributeString("rx", "6");
                w.WriteAttributeString("class", isServed ? "dep dep-served" : "dep");
                w.WriteAttributeString("data-code", shape.Code);
                w.WriteAttributeString("fill", isServed ? ServedFill : Fill);
                w.WriteAttributeString("stroke", isServed ? ServedStroke : Stroke);
                w.WriteEndElement();
                foreach (var (text, dy) in new[] { (shape.Name, -3.0), ($"({shape.Code})", 15.0) })
                {
                    w.WriteStartElement("text", ns);
                    w.WriteAttributeString("x", Num(shape.CenterX));
                    w.WriteAttributeString("y", Num(shape.Y + shape.Height / 2 + dy));
                    w.WriteAttributeString("text-anchor", "middle");
                    w.WriteAttributeString("font-size", "12");
                    w.WriteAttributeString("font-family", "sans-serif");
                    w.WriteAttributeString("fill", isServed ? "#fff" : "#212529");
                    w.WriteString(text);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
