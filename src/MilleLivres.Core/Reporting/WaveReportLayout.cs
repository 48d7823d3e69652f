using System.Globalization;
using MilleLivres.Core.Pdf;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// The wave report's pages: heading with version and date, the staff's introduction, the summary, a table and a bar
/// chart per age band (bars drawn as rectangles), a table per town, a table per département (in place of a map, ADR
/// 0842), the quotable testimonials; a footer with the version and « page X / Y » on every page. Tables repeat their
/// header on a new page; text is wrapped or cut to its column.
/// </summary>
public sealed class WaveReportLayout(ITextMeasurer measurer)
{
    private const float Margin = 40f;
    private const float Top = 55f;
    private const float Bottom = PdfPage.A4Height - 55f;
    private const float Width = PdfPage.A4Width - 2 * Margin;
    private const float Size = 9f;
    private const float LineHeight = 12.5f;
    private const float RowHeight = 15f;

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    // A plain no-break space between thousands (French), one every PDF reader extracts as a space.
    private static readonly NumberFormatInfo Numbers = new() { NumberGroupSeparator = "\u00A0", NumberGroupSizes = [3], NumberDecimalDigits = 0 };

    private readonly List<List<PdfElement>> _pages = [[]];
    private float _y = Top;

    public static string N(long value) => value.ToString("N0", Numbers);

    public static string DocumentTitle(WaveReportModel m) => $"Rapport de la vague {m.WaveNumber} — version {m.Version}";

    private sealed record Column(string Header, float Width, PdfTextAlign Align);

    public PdfDocumentModel Layout(WaveReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Text($"Rapport de la vague {m.WaveNumber}", 20, PdfFontStyle.Bold, lineHeight: 26);
        Text(m.WaveName, 12, lineHeight: 17);
        Text("1000 livres dans les Cités éducatives — Biblionef, avec Ville & Banlieue", Size);
        Text($"Version {m.Version}, produite le {m.RequestedAtUtc.ToString("d MMMM yyyy 'à' HH:mm", French)} (UTC)", Size, PdfFontStyle.Bold);

        if (m.Introduction is { } intro)
        {
            Section("Introduction");
            foreach (var paragraph in intro.Replace("\r\n", "\n").Split('\n'))
            {
                Text(paragraph, Size);
            }
        }

        Section("Synthèse");
        Text($"Villes servies : {N(m.Towns)}", Size);
        Text($"Livres dotés : {N(m.Allocated)} — expédiés : {N(m.Shipped)} — reçus : {N(m.Received)}", Size);
        Text($"Livres distribués aux enfants : {N(m.HandedOut)} — enfants touchés : {N(m.Children)}", Size);
        Text("Reçus : livres des cartons reçus, moins les exemplaires signalés manquants, abîmés ou erronés.", 8);

        Section("Par tranche d'âge");
        Columns5("Tranche d'âge", m.Bands.Select(b => (b.Label, new[] { b.Allocated, b.Shipped, b.Received, b.HandedOut, b.Children })).ToList(),
            [m.Allocated, m.Shipped, m.Received, m.HandedOut, m.Children]);
        Chart(m.Bands);

        Section("Par ville");
        var townColumns = new[]
        {
            new Column("Ville", 120, PdfTextAlign.Left), new Column("Département", 90, PdfTextAlign.Left),
            new Column("Dotés", 55, PdfTextAlign.Right), new Column("Expédiés", 55, PdfTextAlign.Right),
            new Column("Reçus", 55, PdfTextAlign.Right), new Column("Distribués", 70, PdfTextAlign.Right),
            new Column("Enfants", 70, PdfTextAlign.Right),
        };
        Table(townColumns,
            m.TownLines.Select(t => new[] { t.Name, t.Departement, N(t.Allocated), N(t.Shipped), N(t.Received), N(t.HandedOut), N(t.Children) }).ToList(),
            ["Total", string.Empty, N(m.Allocated), N(m.Shipped), N(m.Received), N(m.HandedOut), N(m.Children)]);

        const float mapWidth = 330f;
        var mapHeight = m.Map is { } picture ? mapWidth * picture.Height / picture.Width : 0f;
        if (m.Map is not null)
        {
            Ensure(mapHeight + 100); // the heading stays with its map
        }
        Section("Par département");
        if (m.Map is { } map)
        {
            // The dashboard's map, drawn at the report's date: départements served in dark (ADR 0820, 0842).
            Page.Add(new PdfImage((PdfPage.A4Width - mapWidth) / 2, _y, mapWidth, mapHeight, map.Png));
            _y += mapHeight + 4;
            Text("Carte : départements où la vague a servi au moins une ville (en foncé).", 8);
            Text(FranceMap.Credit, 7);
        }
        Text("Les villes servies, département par département.", 8);
        var departementColumns = new[]
        {
            new Column("Département", 120, PdfTextAlign.Left), new Column("Région", 140, PdfTextAlign.Left),
            new Column("Villes", 45, PdfTextAlign.Right), new Column("Reçus", 55, PdfTextAlign.Right),
            new Column("Distribués", 70, PdfTextAlign.Right), new Column("Enfants", 85, PdfTextAlign.Right),
        };
        Table(departementColumns,
            m.Departements.Select(d => new[] { d.Departement, d.Region, N(d.Towns), N(d.Received), N(d.HandedOut), N(d.Children) }).ToList(),
            null);

        Section("Témoignages");
        if (m.Testimonials.Count == 0)
        {
            Text("Aucun témoignage citable pour cette vague (accord de citation donné et témoignage approuvé).", Size);
        }
        foreach (var q in m.Testimonials)
        {
            Ensure(LineHeight * 3);
            Text($"« {q.Text} »", Size, x: Margin + 10);
            Text($"— {q.Source}, {q.Town}", 8, x: Margin + 20);
            _y += 4;
        }

        var title = DocumentTitle(m);
        var pages = _pages.Select((elements, i) =>
        {
            elements.Add(new PdfLine(Margin, PdfPage.A4Height - 38f, PdfPage.A4Width - Margin, PdfPage.A4Height - 38f, 0.3f));
            elements.Add(new PdfText(Margin, PdfPage.A4Height - 25f, title, 8));
            elements.Add(new PdfText(PdfPage.A4Width - Margin, PdfPage.A4Height - 25f, $"page {i + 1} / {_pages.Count}", 8, Align: PdfTextAlign.Right));
            return new PdfPage(PdfPage.A4Width, PdfPage.A4Height, elements);
        }).ToList();
        return new PdfDocumentModel(title, Packing.PackingSlipLayout.Author, pages, DateTime.SpecifyKind(m.RequestedAtUtc, DateTimeKind.Utc));
    }

    private List<PdfElement> Page => _pages[^1];

    private void NewPage()
    {
        _pages.Add([]);
        _y = Top;
    }

    private void Ensure(float height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void Section(string title)
    {
        _y += 10;
        Ensure(60);
        Text(title, 13, PdfFontStyle.Bold, lineHeight: 18);
    }

    private void Text(string text, float size, PdfFontStyle style = PdfFontStyle.Regular, float x = Margin, float? lineHeight = null)
    {
        var height = lineHeight ?? (size + 3.5f);
        foreach (var line in measurer.Wrap(text, PdfPage.A4Width - Margin - x, size, style))
        {
            Ensure(height);
            _y += height - 3;
            Page.Add(new PdfText(x, _y, line, size, style));
            _y += 3;
        }
    }

    private void Columns5(string first, IReadOnlyList<(string Label, long[] Values)> rows, long[] total)
    {
        var columns = new[]
        {
            new Column(first, 155, PdfTextAlign.Left), new Column("Dotés", 60, PdfTextAlign.Right),
            new Column("Expédiés", 60, PdfTextAlign.Right), new Column("Reçus", 60, PdfTextAlign.Right),
            new Column("Distribués", 65, PdfTextAlign.Right), new Column("Enfants touchés", 115, PdfTextAlign.Right),
        };
        Table(columns, rows.Select(r => new[] { r.Label }.Concat(r.Values.Select(N)).ToArray()).ToList(),
            new[] { "Total" }.Concat(total.Select(N)).ToArray());
    }

    private void Table(IReadOnlyList<Column> columns, IReadOnlyList<string[]> rows, string[]? total)
    {
        void Header()
        {
            Page.Add(new PdfRectangle(Margin, _y, Width, RowHeight, FillGray: 0.88f));
            Row(columns.Select(c => c.Header).ToArray(), PdfFontStyle.Bold);
        }

        void Row(string[] cells, PdfFontStyle style)
        {
            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                var value = measurer.Fit(cells[i], c.Width - 8, Size, style);
                var textX = c.Align == PdfTextAlign.Right ? x + c.Width - 4 : x + 4;
                Page.Add(new PdfText(textX, _y + 11, value, Size, style, c.Align));
                x += c.Width;
            }
            _y += RowHeight;
            Page.Add(new PdfLine(Margin, _y, Margin + Width, _y, 0.3f));
        }

        Ensure(RowHeight * 3);
        Header();
        foreach (var cells in rows)
        {
            if (_y + RowHeight > Bottom)
            {
                NewPage();
                Header();
            }
            Row(cells, PdfFontStyle.Regular);
        }
        if (total is not null)
        {
            if (_y + RowHeight > Bottom)
            {
                NewPage();
                Header();
            }
            Row(total, PdfFontStyle.Bold);
        }
        _y += 6;
    }

    /// <summary>Two bars per band, received (light) and handed out (dark), on one scale, each with its figure.</summary>
    private void Chart(IReadOnlyList<WaveReportModel.Band> bands)
    {
        const float labelWidth = 150f;
        const float barHeight = 9f;
        const float valueWidth = 60f;
        var barSpace = Width - labelWidth - valueWidth;
        var max = Math.Max(1, bands.Count == 0 ? 1 : bands.Max(b => Math.Max(b.Received, b.HandedOut)));

        _y += 4;
        Ensure(30 + bands.Count * (2 * barHeight + 8));
        Text("Livres reçus et distribués par tranche d'âge", 10, PdfFontStyle.Bold);
        _y += 4;
        Page.Add(new PdfRectangle(Margin + labelWidth, _y, 10, 8, FillGray: 0.75f, StrokeThickness: 0.3f));
        Page.Add(new PdfText(Margin + labelWidth + 14, _y + 7.5f, "reçus", 8));
        Page.Add(new PdfRectangle(Margin + labelWidth + 60, _y, 10, 8, FillGray: 0.3f));
        Page.Add(new PdfText(Margin + labelWidth + 74, _y + 7.5f, "distribués", 8));
        _y += 14;
        foreach (var b in bands)
        {
            Page.Add(new PdfText(Margin, _y + barHeight + 2, measurer.Fit(b.Label, labelWidth - 8, 8, PdfFontStyle.Regular), 8));
            var received = barSpace * b.Received / max;
            var handedOut = barSpace * b.HandedOut / max;
            Page.Add(new PdfRectangle(Margin + labelWidth, _y, Math.Max(received, 0.5f), barHeight, FillGray: 0.75f, StrokeThickness: 0.3f));
            Page.Add(new PdfText(Margin + labelWidth + received + 4, _y + barHeight - 1.5f, N(b.Received), 7.5f));
            Page.Add(new PdfRectangle(Margin + labelWidth, _y + barHeight, Math.Max(handedOut, 0.5f), barHeight, FillGray: 0.3f));
            Page.Add(new PdfText(Margin + labelWidth + handedOut + 4, _y + 2 * barHeight - 1.5f, N(b.HandedOut), 7.5f));
            _y += 2 * barHeight + 8;
        }
        Page.Add(new PdfLine(Margin + labelWidth, _y - 4 - bands.Count * (2 * barHeight + 8), Margin + labelWidth, _y - 4, 0.5f));
    }
}
