using System.Globalization;
using MilleLivres.Core.Pdf;
using QRCoder;

namespace MilleLivres.Core.Packing;

/// <summary>
/// The packing slip's layout, all in one place: cover page, one table per carton (continued on the next page with its
/// header repeated, long titles wrapped), then A4 sheets of four carton labels with a QR code of the receipt address.
/// Every page carries "page X / Y". Produces a backend-free <see cref="PdfDocumentModel"/>.
/// </summary>
public sealed class PackingSlipLayout(ITextMeasurer measurer, Func<string, string> receiptUrl)
{
    public const string Author = "Biblionef — 1000 livres dans les Cités éducatives";
    internal const float Margin = 40f;
    internal const float ContentTop = 50f;
    internal const float ContentBottom = PdfPage.A4Height - 50f;
    internal const float FooterBaseline = PdfPage.A4Height - 25f;
    internal const float BodySize = 9f;
    internal const float LineHeight = 11f;
    internal const float CellPadding = 5f;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    internal static readonly TableColumn[] CartonColumns =
    [
        new("ISBN", 88f, PdfTextAlign.Left),
        new("Titre", 200f, PdfTextAlign.Left),
        new("Auteur(s)", 122f, PdfTextAlign.Left),
        new("Tranche d'âge", 70f, PdfTextAlign.Left),
        new("Qté", 35f, PdfTextAlign.Right),
    ];

    public static string DocumentTitle(PackingSlipModel slip) => $"Bordereau de colisage — {slip.TownName} — {slip.WaveName}";

    public PdfDocumentModel Layout(PackingSlipModel slip)
    {
        var pages = new PageSink();
        Cover(slip, pages);
        foreach (var carton in slip.Cartons)
        {
            Carton(slip, carton, pages);
        }
        Labels(slip, pages);
        return new PdfDocumentModel(DocumentTitle(slip), Author, pages.Finish(DocumentTitle(slip), measurer),
            DateTime.SpecifyKind(slip.Date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc));
    }

    private void Cover(PackingSlipModel slip, PageSink pages)
    {
        var page = pages.NewPage();
        var y = ContentTop + 20;
        page.Add(new PdfText(Margin, y, "Bordereau de colisage", 22, PdfFontStyle.Bold));
        y += 20;
        page.Add(new PdfText(Margin, y, "1000 livres dans les Cités éducatives — Biblionef", 11));
        y += 30;
        var fields = new List<(string, string)>
        {
            ("Vague", slip.WaveName),
            ("Ville", slip.TownName),
            ("Cité éducative", slip.CiteEducative),
            ("Adresse de livraison", slip.DeliveryAddress),
        };
        if (!string.IsNullOrWhiteSpace(slip.AccessNotes))
        {
            fields.Add(("Accès et consignes", slip.AccessNotes));
        }
        fields.Add(("Coordinateur·rice", string.IsNullOrWhiteSpace(slip.CoordinatorContact) ? slip.CoordinatorName : $"{slip.CoordinatorName} — {slip.CoordinatorContact}"));
        fields.Add(("Nombre de cartons", slip.Cartons.Count.ToString(French)));
        fields.Add(("Nombre de livres", slip.TotalBooks.ToString(French)));
        fields.Add(("Date", slip.Date.ToString("d MMMM yyyy", French)));
        const float valueX = Margin + 150;
        foreach (var (label, value) in fields)
        {
            page.Add(new PdfText(Margin, y, label, 10, PdfFontStyle.Bold));
            foreach (var line in Wrap(value, PdfPage.A4Width - Margin - valueX, 10, PdfFontStyle.Regular))
            {
                page.Add(new PdfText(valueX, y, line, 10));
                y += 14;
            }
            y += 4;
        }

        y += 16;
        page.Add(new PdfText(Margin, y, "Livres par tranche d'âge", 13, PdfFontStyle.Bold));
        y += 10;
        var bands = slip.BooksPerAgeBand.Select(b => new[] { b.AgeBand, b.Quantity.ToString(French) }).ToList();
        bands.Add(["Total", slip.TotalBooks.ToString(French)]);
        y = Table(pages, page, y, [new("Tranche d'âge", 200f, PdfTextAlign.Left), new("Livres", 80f, PdfTextAlign.Right)], bands,
            "Livres par tranche d'âge (suite)", boldLastRow: true).Y;

        y += 24;
        page = pages.Current;
        if (y + 40 > ContentBottom)
        {
            page = pages.NewPage();
            y = ContentTop + 10;
        }
        page.Add(new PdfText(Margin, y, "Cartons", 13, PdfFontStyle.Bold));
        y += 10;
        var cartons = slip.Cartons.Select(c => new[] { $"{c.Number} / {slip.Cartons.Count}", CartonCode.Display(c.Code), c.Quantity.ToString(French) }).ToList();
        Table(pages, page, y, [new("Carton", 80f, PdfTextAlign.Left), new("Code", 120f, PdfTextAlign.Left), new("Livres", 80f, PdfTextAlign.Right)], cartons,
            "Cartons (suite)", boldLastRow: false);
    }

    private void Carton(PackingSlipModel slip, SlipCarton carton, PageSink pages)
    {
        var page = pages.NewPage();
        var heading = $"Carton {carton.Number} / {slip.Cartons.Count} — code {CartonCode.Display(carton.Code)}";
        var y = ContentTop + 10;
        page.Add(new PdfText(Margin, y, heading, 15, PdfFontStyle.Bold));
        y += 16;
        page.Add(new PdfText(Margin, y, $"{slip.TownName} — {slip.WaveName}", 10));
        y += 10;
        var rows = carton.Lines
            .Select(l => new[] { l.Isbn, l.Title, l.Authors, l.AgeBandLabel, l.Quantity.ToString(French) })
            .ToList();
        rows.Add(["", "Total du carton", "", "", carton.Quantity.ToString(French)]);
        var (last, end) = Table(pages, page, y, CartonColumns, rows, heading + " (suite)", boldLastRow: true);
        if (end + 40 <= ContentBottom)
        {
            last.Add(new PdfText(Margin, end + 30, "Préparé par : ……………………     Vérifié par : ……………………     Date : ……………", 9));
        }
    }

    /// <summary>
    /// Draws a table from <paramref name="y"/> on <paramref name="page"/>. A row that does not fit goes to a new page,
    /// which starts with <paramref name="continuation"/> and the header again. Returns the last page and the Y below the table.
    /// </summary>
    internal (PageSink.Page Page, float Y) Table(PageSink pages, PageSink.Page page, float y, IReadOnlyList<TableColumn> columns,
        IReadOnlyList<string[]> rows, string continuation, bool boldLastRow)
    {
        y = Header(page, y, columns);
        for (var r = 0; r < rows.Count; r++)
        {
            var style = boldLastRow && r == rows.Count - 1 ? PdfFontStyle.Bold : PdfFontStyle.Regular;
            var cells = columns.Select((c, i) => Wrap(rows[r][i], c.Width - 2 * CellPadding, BodySize, style)).ToList();
            var height = cells.Max(c => c.Count) * LineHeight + 2 * CellPadding;
            if (y + height > ContentBottom)
            {
                page = pages.NewPage();
                y = ContentTop + 10;
                page.Add(new PdfText(Margin, y, continuation, 11, PdfFontStyle.Bold));
                y = Header(page, y + 8, columns);
            }
            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                var baseline = y + CellPadding + BodySize;
                foreach (var line in cells[i])
                {
                    page.Add(Cell(columns[i], x, baseline, line, style));
                    baseline += LineHeight;
                }
                x += columns[i].Width;
            }
            y += height;
            page.Add(new PdfLine(Margin, y, Margin + columns.Sum(c => c.Width), y, style == PdfFontStyle.Bold ? 0.8f : 0.3f));
        }
        return (page, y);
    }

    private static float Header(PageSink.Page page, float y, IReadOnlyList<TableColumn> columns)
    {
        var height = LineHeight + 2 * CellPadding;
        page.Add(new PdfRectangle(Margin, y, columns.Sum(c => c.Width), height, FillGray: 0.88f));
        var x = Margin;
        foreach (var column in columns)
        {
            page.Add(Cell(column, x, y + CellPadding + BodySize, column.Header, PdfFontStyle.Bold));
            x += column.Width;
        }
        return y + height;
    }

    private static PdfText Cell(TableColumn column, float x, float baseline, string text, PdfFontStyle style) => column.Align == PdfTextAlign.Right
        ? new PdfText(x + column.Width - CellPadding, baseline, text, BodySize, style, PdfTextAlign.Right)
        : new PdfText(x + CellPadding, baseline, text, BodySize, style);

    private void Labels(PackingSlipModel slip, PageSink pages)
    {
        const float labelMargin = 20f;
        var width = (PdfPage.A4Width - 2 * labelMargin) / 2;
        var height = (FooterBaseline - 15 - 2 * labelMargin + labelMargin) / 2;
        PageSink.Page? page = null;
        for (var i = 0; i < slip.Cartons.Count; i++)
        {
            if (i % 4 == 0)
            {
                page = pages.NewPage();
            }
            var carton = slip.Cartons[i];
            var left = labelMargin + i % 2 * width;
            var top = labelMargin + i % 4 / 2 * height;
            Label(page!, slip, carton, left, top, width, height);
        }
    }

    private void Label(PageSink.Page page, PackingSlipModel slip, SlipCarton carton, float left, float top, float width, float height)
    {
        page.Add(new PdfRectangle(left + 4, top + 4, width - 8, height - 8, StrokeThickness: 0.8f));
        var centre = left + width / 2;
        var inner = width - 30;
        var y = top + 28;
        page.Add(new PdfText(centre, y, "1000 livres dans les Cités éducatives", 9, PdfFontStyle.Regular, PdfTextAlign.Center));
        y += 26;
        foreach (var line in Wrap(slip.TownName, inner, 20, PdfFontStyle.Bold).Take(2))
        {
            page.Add(new PdfText(centre, y, line, 20, PdfFontStyle.Bold, PdfTextAlign.Center));
            y += 22;
        }
        page.Add(new PdfText(centre, y, slip.WaveName, 9, PdfFontStyle.Regular, PdfTextAlign.Center));
        y += 30;
        page.Add(new PdfText(centre, y, $"Carton {carton.Number} / {slip.Cartons.Count}", 22, PdfFontStyle.Bold, PdfTextAlign.Center));
        y += 28;
        page.Add(new PdfText(centre, y, $"Code : {CartonCode.Display(carton.Code)}", 16, PdfFontStyle.Bold, PdfTextAlign.Center));
        y += 10;
        var url = receiptUrl(carton.Code);
        const float qrSize = 130f;
        foreach (var module in QrModules(url, centre - qrSize / 2, y, qrSize))
        {
            page.Add(module);
        }
        y += qrSize + 12;
        foreach (var line in Wrap(url, inner, 7, PdfFontStyle.Regular))
        {
            page.Add(new PdfText(centre, y, line, 7, PdfFontStyle.Regular, PdfTextAlign.Center));
            y += 9;
        }
    }

    /// <summary>The QR code as filled rectangles, one per horizontal run of dark modules: sharp at any zoom, and small.</summary>
    internal static IEnumerable<PdfRectangle> QrModules(string text, float x, float y, float size)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
        {
            var col = 0;
            while (col < matrix.Count)
            {
                if (!matrix[row][col])
                {
                    col++;
                    continue;
                }
                var start = col;
                while (col < matrix.Count && matrix[row][col])
                {
                    col++;
                }
                yield return new PdfRectangle(x + start * module, y + row * module, (col - start) * module, module, FillGray: 0f);
            }
        }
    }

    /// <summary>Word wrap to <paramref name="maxWidth"/>; a word longer than a line is cut where it must be.</summary>
    internal IReadOnlyList<string> Wrap(string? text, float maxWidth, float size, PdfFontStyle style)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [""];
        }
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (measurer.Width(candidate, size, style) <= maxWidth)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                {
                    lines.Add(current);
                }
                current = word;
                while (measurer.Width(current, size, style) > maxWidth && current.Length > 1)
                {
                    var fit = current.Length - 1;
                    while (fit > 1 && measurer.Width(current[..fit], size, style) > maxWidth)
                    {
                        fit--;
                    }
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }

    internal sealed record TableColumn(string Header, float Width, PdfTextAlign Align);

    /// <summary>Pages being laid out; footers ("page X / Y") are added once the count is known.</summary>
    internal sealed class PageSink
    {
        private readonly List<Page> _pages = [];

        public Page Current => _pages[^1];

        public Page NewPage()
        {
            var page = new Page();
            _pages.Add(page);
            return page;
        }

        public IReadOnlyList<PdfPage> Finish(string footer, ITextMeasurer measurer)
        {
            var total = _pages.Count;
            return _pages.Select((p, i) =>
            {
                p.Add(new PdfText(Margin, FooterBaseline, footer, 8));
                p.Add(new PdfText(PdfPage.A4Width - Margin, FooterBaseline, $"page {i + 1} / {total}", 8, PdfFontStyle.Regular, PdfTextAlign.Right));
                return new PdfPage(PdfPage.A4Width, PdfPage.A4Height, p.Elements);
            }).ToList();
        }

        internal sealed class Page
        {
            public List<PdfElement> Elements { get; } = [];

            public void Add(PdfElement element) => Elements.Add(element);
        }
    }
}
