using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Pdf;
using UglyToad.PdfPig;

namespace MilleLivres.Tests.Packing;

public sealed class RendererFixture : IDisposable
{
    public const string BaseUrl = "https://millelivres.example.org";
    public SkiaPdfRenderer Renderer { get; } = new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    public PackingSlipLayout Layout { get; }

    public RendererFixture() => Layout = new PackingSlipLayout(Renderer, code => $"{BaseUrl}/Coordinator/Receipt/{code}");

    public byte[] Pdf(PackingSlipModel slip) => Renderer.RenderToBytes(Layout.Layout(slip));

    public void Dispose() => Renderer.Dispose();
}

/// <summary>The packing slip read back from the PDF bytes with PdfPig, as the warehouse and the town will read it.</summary>
public partial class PackingSlipPdfTests(RendererFixture fixture) : IClassFixture<RendererFixture>
{
    [GeneratedRegex(@"^(978\d{10}) .* (\d+)$")]
    private static partial Regex BookRow();

    [GeneratedRegex(@"^Carton (\d+) / (\d+) — code ([A-Z0-9]{3}-[A-Z0-9]{3})$")]
    private static partial Regex CartonHeading();

    [Fact]
    public void Every_allocated_title_and_quantity_is_on_the_slip_and_carton_totals_add_up()
    {
        var lines = SlipBuilder.Books(1000);
        var slip = SlipBuilder.Slip(lines);
        var pages = PdfReading.PageLines(fixture.Pdf(slip));

        var text = string.Join("\n", pages.SelectMany(p => p));
        Assert.All(lines, l => Assert.Contains(l.Title, text));

        var read = PdfReading.ReadCartons(pages);
        var (perIsbn, rowsPerCarton, totals) = (read.PerIsbn, read.RowsPerCarton, read.Totals);
        Assert.Equal(lines.ToDictionary(l => l.Isbn, l => l.Quantity).OrderBy(p => p.Key), perIsbn.OrderBy(p => p.Key));
        Assert.Equal(Enumerable.Range(1, 25), totals.Keys.Order());
        Assert.All(totals, t => Assert.Equal(rowsPerCarton[t.Key], t.Value));
        Assert.Equal(1000, totals.Values.Sum());
    }

    [Fact]
    public void Cover_states_the_delivery_and_the_number_of_cartons_and_books_per_age_band()
    {
        var slip = SlipBuilder.Slip(SlipBuilder.Books(1000));
        var cover = PdfReading.PageLines(fixture.Pdf(slip))[0];
        Assert.Contains("Nombre de cartons 25", cover);
        Assert.Contains("Nombre de livres 1000", cover);
        Assert.Contains("Vague Vague 2 — automne 2020", cover);
        Assert.Contains("Date 23 novembre 2020", cover);
        Assert.Contains(cover, l => l.StartsWith("Coordinateur·rice Françoise Lœuvre"));
        foreach (var (band, quantity) in slip.BooksPerAgeBand)
        {
            Assert.Contains($"{band} {quantity}", cover);
        }
        Assert.Equal(1000, slip.BooksPerAgeBand.Sum(b => b.Quantity));
    }

    [Fact]
    public void Each_carton_has_its_page_and_its_label_with_the_receipt_address()
    {
        var slip = SlipBuilder.Slip(SlipBuilder.Books(1000));
        var pages = PdfReading.PageLines(fixture.Pdf(slip));
        var headings = pages.Select(p => CartonHeading().Match(p[0])).Where(m => m.Success).ToList();
        Assert.Equal(slip.Cartons.Select(c => $"{c.Number}/25/{CartonCode.Display(c.Code)}"),
            headings.Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}"));

        // 25 labels, four to a sheet: the last seven pages.
        var labelPages = pages.Skip(pages.Count - 7).ToList();
        var labelText = string.Join("\n", labelPages.SelectMany(p => p));
        Assert.All(labelPages.Take(6), p => Assert.Equal(4, p.Count(l => l.StartsWith("http"))));
        foreach (var carton in slip.Cartons)
        {
            Assert.Contains($"Carton {carton.Number} / 25", labelText);
            Assert.Contains($"Code : {CartonCode.Display(carton.Code)}", labelText);
            Assert.Contains($"{RendererFixture.BaseUrl}/Coordinator/Receipt/{carton.Code}", labelText);
        }
        Assert.Equal(25, Regex.Matches(labelText, "Hérouville-Saint-Clair\n").Count);
    }

    [Fact]
    public void A_two_hundred_line_carton_continues_over_pages_with_its_header_repeated_and_page_numbers()
    {
        var lines = Enumerable.Range(0, 200)
            .Select(i => new BookToPack(SlipBuilder.Isbn(i), $"Livre {i:D3}", "Autrice", "6-10 ans", 2, 1))
            .ToList();
        var slip = SlipBuilder.Slip(lines, capacity: 200);
        Assert.Single(slip.Cartons);
        var pages = PdfReading.PageLines(fixture.Pdf(slip));
        var cartonPages = pages.Where(p => p[0].StartsWith("Carton 1 / 1")).ToList();
        Assert.True(cartonPages.Count >= 4, $"200 rows on {cartonPages.Count} pages");
        Assert.All(cartonPages.Skip(1), p => Assert.EndsWith("(suite)", p[0]));
        Assert.All(cartonPages, p => Assert.Contains("ISBN Titre Auteur(s) Tranche d'âge Qté", p));
        var rows = cartonPages.SelectMany(p => p).Where(l => BookRow().IsMatch(l)).ToList();
        Assert.Equal(lines.Select(l => $"{l.Isbn} {l.Title} Autrice 6-10 ans 1"), rows);
        Assert.Contains(cartonPages[^1], l => l == "Total du carton 200");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.EndsWith($"page {i + 1} / {pages.Count}", pages[i][^1]);
        }
    }

    [Fact]
    public void Long_titles_wrap_inside_their_column_and_keep_every_word()
    {
        var title = string.Join(" ", Enumerable.Repeat("Anticonstitutionnellement, l'histoire extraordinaire de Zoé", 5)) + " SupercalifragilisticexpialidociousAnticonstitutionnellement";
        var lines = new[] { new BookToPack(SlipBuilder.Isbn(1), title, "Jean-Christophe de La Fontaine-Œillet et al.", "11-14 ans", 3, 7) };
        var slip = SlipBuilder.Slip(lines);
        var model = fixture.Layout.Layout(slip);
        var titleColumnLeft = PackingSlipLayout.Margin + PackingSlipLayout.CartonColumns[0].Width;
        var titleColumnWidth = PackingSlipLayout.CartonColumns[1].Width;
        var titleLines = model.Pages[1].Elements.OfType<PdfText>()
            .Where(t => Math.Abs(t.X - (titleColumnLeft + PackingSlipLayout.CellPadding)) < 0.01 && t.Value != "Titre" && t.Value != "Total du carton")
            .ToList();
        Assert.True(titleLines.Count > 3);
        Assert.All(titleLines, t => Assert.True(fixture.Renderer.Width(t.Value, t.Size, t.Style) <= titleColumnWidth - 2 * PackingSlipLayout.CellPadding, t.Value));
        Assert.Equal(title.Replace(" ", ""), string.Concat(titleLines.Select(t => t.Value.Replace(" ", ""))));

        var pdfText = PdfReading.PageTexts(fixture.Pdf(slip))[1];
        Assert.Contains("Supercalifragilistic", pdfText);
        Assert.Contains("Total du carton 7", pdfText);
    }

    [Fact]
    public void No_word_of_a_carton_table_crosses_the_right_edge_of_its_column()
    {
        // Titles and authors of 60+ characters, unbroken words wider than a column, and the demo's own shapes.
        var lines = new List<BookToPack>
        {
            new(SlipBuilder.Isbn(1), "Titre de démonstration pour les 3-5 ans, volume extraordinairement long n° 100", "Autrice de démonstration et illustrateur invité de la maison d'édition", "3-5 ans (maternelle)", 1, 3),
            new(SlipBuilder.Isbn(2), "Supercalifragilisticexpialidociousanticonstitutionnellementinterminable", "Jean-Christophe-Marie-Anne-Sophie-Hortense de La Fontaine-Œillet-Dubois", "6-10 ans (élémentaire)", 2, 4),
            new(SlipBuilder.Isbn(3), "L'histoire extraordinaire et véritable de Zoé, qui voulait lire tous les livres du monde", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "11-14 ans (collège)", 3, 2),
            new(SlipBuilder.Isbn(4), "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM", "Gaëlle Noël", "15-18 ans (lycée, et au-delà pour les grands lecteurs)", 4, 1),
        };
        lines.AddRange(Enumerable.Range(100, 30).Select(i => new BookToPack(SlipBuilder.Isbn(i), $"Titre de démonstration n° {i}", "Autrice de démonstration", "3-5 ans (maternelle)", 1, 1)));
        var slip = SlipBuilder.Slip(lines);

        var edges = new List<(float Left, float Right)>();
        var left = PackingSlipLayout.Margin;
        foreach (var column in PackingSlipLayout.CartonColumns)
        {
            edges.Add((left, left + column.Width));
            left += column.Width;
        }
        using var document = PdfDocument.Open(fixture.Pdf(slip));
        var checkedWords = 0;
        foreach (var page in document.GetPages().Where(p => p.Text.Contains("Tranche d'âge") && p.Text.StartsWith("Carton", StringComparison.Ordinal)))
        {
            var headerTop = page.GetWords().First(w => w.Text == "ISBN").BoundingBox.Top;
            // PdfPig measures from the bottom of the page; the table ends with its total row (the signature line is below).
            var tableBottom = page.GetWords().Where(w => w.Text == "Total").Select(w => w.BoundingBox.Bottom - 1)
                .DefaultIfEmpty(PdfPage.A4Height - PackingSlipLayout.ContentBottom - 1).Min();
            foreach (var word in page.GetWords().Where(w => w.BoundingBox.Top <= headerTop + 0.5 && w.BoundingBox.Bottom > tableBottom))
            {
                var box = word.BoundingBox;
                var column = edges.FindLastIndex(e => box.Left >= e.Left - 0.01);
                Assert.True(column >= 0, $"« {word.Text} » starts left of the table");
                Assert.True(box.Right <= edges[column].Right,
                    $"« {word.Text} » (page {page.Number}) runs from {box.Left:F1} to {box.Right:F1}, past the right edge {edges[column].Right:F1} of column {PackingSlipLayout.CartonColumns[column].Header}");
                checkedWords++;
            }
        }
        Assert.True(checkedWords > 300, $"only {checkedWords} words read");
        // Rows grow to their tallest cell: the cut unbroken words keep every letter, and the rows after them are all there.
        var unbroken = lines[3].Title;
        var withoutIt = slip with
        {
            Cartons = slip.Cartons.Select(c => c with { Lines = c.Lines.Select(l => l.Title == unbroken ? l with { Title = "x" } : l).ToList() }).ToList(),
        };
        Assert.Equal(unbroken.Length, CountOf('M', fixture.Pdf(slip)) - CountOf('M', fixture.Pdf(withoutIt)));
        var text = string.Join(" ", PdfReading.PageLines(fixture.Pdf(slip)).SelectMany(p => p));
        Assert.Contains("Titre de démonstration n° 129", text);
    }

    private static int CountOf(char c, byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(p => p.Letters).Count(l => l.Value == c.ToString());
    }

    [Fact]
    public void The_same_slip_rendered_twice_gives_the_same_bytes_and_a_changed_slip_does_not()
    {
        var slip = SlipBuilder.Slip(SlipBuilder.Books(120));
        var first = fixture.Pdf(slip);
        var second = fixture.Pdf(slip);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(first)), Convert.ToHexString(SHA256.HashData(second)));
        using (var document = PdfDocument.Open(first))
        {
            // The slip's own date, not the clock's: a clock-based date would change the bytes at every run.
            Assert.StartsWith("D:20201123000000", document.Information.CreationDate);
            Assert.StartsWith("D:20201123000000", document.Information.ModifiedDate);
        }

        var changed = slip with { AccessNotes = "Quai fermé le mercredi." };
        Assert.NotEqual(Convert.ToHexString(SHA256.HashData(first)), Convert.ToHexString(SHA256.HashData(fixture.Pdf(changed))));
    }

    [Fact]
    public void French_text_survives_with_embedded_fonts_title_and_author()
    {
        var slip = SlipBuilder.Slip([new BookToPack(SlipBuilder.Isbn(3), "Œuf de Pâques, garçon « très » ému : à l'école", "Gaëlle Noël", "3-5 ans", 1, 2)]);
        var bytes = fixture.Pdf(slip);
        // Wrapped lines are joined with a space, as a reader would.
        var text = string.Join(" ", PdfReading.PageLines(bytes).SelectMany(p => p));
        foreach (var expected in new[] { "Œuf de Pâques, garçon « très » ému : à l'école", "Gaëlle Noël", "Hérouville-Saint-Clair", "Françoise Lœuvre", "l'Église", "Cité éducative", "Tranche d'âge" })
        {
            Assert.Contains(expected, text);
        }
        using var document = PdfDocument.Open(bytes);
        Assert.Equal(PackingSlipLayout.DocumentTitle(slip), document.Information.Title);
        Assert.Equal(PackingSlipLayout.Author, document.Information.Author);
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Contains(fonts, f => f.Contains("DejaVuSans-Bold"));
        Assert.Contains(fonts, f => f.Contains("DejaVuSans") && !f.Contains("Bold"));
        // Embedded TrueType programs (FontFile2), not references to fonts the reader's machine may lack.
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes));
    }
}
