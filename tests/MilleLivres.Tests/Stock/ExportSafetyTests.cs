using System.Text;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Export;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Stock;

public class CsvExportTests
{
    private static async Task<string> WriteAsync(params object?[][] rows)
    {
        using var buffer = new MemoryStream();
        await using (var csv = new CsvExport(buffer))
        {
            foreach (var row in rows)
            {
                await csv.WriteRowAsync(row);
            }
        }
        var bytes = buffer.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x.example\";\"clic\")", "\"'=HYPERLINK(\"\"http://x.example\"\";\"\"clic\"\")\"")]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("+33 6", "\"'+33 6\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(1+1)", "\"'@SUM(1+1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("Le Petit Prince", "Le Petit Prince")]
    [InlineData("Un = deux", "Un = deux")]
    public async Task A_text_cell_that_a_spreadsheet_would_run_is_prefixed_with_a_quote(string text, string expected)
    {
        Assert.Equal(expected + "\r\n", await WriteAsync([text]));
    }

    [Fact]
    public async Task Real_numbers_stay_numeric_negative_ones_included_and_text_is_quoted_as_rfc_4180_says()
    {
        var text = await WriteAsync(["Titre; avec séparateur", -5, 12L, -1.5m, null, "-5"]);
        Assert.Equal("\"Titre; avec séparateur\";-5;12;-1,5;;\"'-5\"\r\n", text);
    }
}

public class ExportSafetyTests(SeededApp app) : IClassFixture<SeededApp>
{
    private AppFactory Factory => app.Factory;

    [Fact]
    public async Task A_publishers_file_with_formulas_and_control_characters_exports_as_inert_text()
    {
        var isbn = TestIsbns.Next();
        var csv = "ISBN;Titre;Auteur(s);Éditeur;Tranche;Genre;Quantité\r\n"
            + $"{isbn};\"=HYPERLINK(\"\"http://evil.example\"\";\"\"Cliquez\"\")\u0007\";=1+2;@SUM(1+1);3-5 ans;album;3\r\n";
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<StockImporter>();
            var (preview, _) = await importer.CommitAsync(Encoding.UTF8.GetBytes(csv), "piege.csv", "Éditions\u001B Piège", new DateOnly(2020, 5, 4), confirmDuplicate: false);
            Assert.True(preview.IsValid, string.Join(" | ", preview.Errors.Select(e => e.Reason)));
        }
        var title = await Factory.WithDbAsync(db => db.Titles.AsNoTracking().SingleAsync(t => t.Isbn == isbn));
        Assert.Equal("=HYPERLINK(\"http://evil.example\";\"Cliquez\")", title.Name);
        Assert.Equal("@SUM(1+1)", title.Publisher);

        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var bytes = await client.GetByteArrayAsync("/Staff/Stock?handler=Csv");
        var line = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n").Single(l => l.StartsWith(isbn, StringComparison.Ordinal));
        Assert.Equal($"{isbn};\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Cliquez\"\")\";\"'=1+2\";\"'@SUM(1+1)\";3-5 ans;album;français;3;0;3", line);
    }

    [Fact]
    public void Control_characters_never_reach_a_title_whatever_the_source()
    {
        var title = new Title(TestIsbns.Next(), "Le\u0000 Loup\u0007 rouge\u009B", "Anne\u007FBrun", "Éd.\u001B Nord", 1, Genre.Album, "fran\u0008çais");
        Assert.Equal("Le Loup rouge", title.Name);
        Assert.Equal("AnneBrun", title.Authors);
        Assert.Equal("Éd. Nord", title.Publisher);
        Assert.Equal("français", title.Language);
    }

    [Theory]
    [InlineData("ligne 1\r\nligne 2\u0007", "ligne 1\r\nligne 2")]
    [InlineData("col1\tcol2\u0001\u001F", "col1\tcol2")]
    [InlineData("\u0085sans\u00A0rien", "sans\u00A0rien")]
    [InlineData("sans rien", "sans rien")]
    public void Text_input_keeps_tab_and_line_breaks_and_drops_other_control_characters(string input, string expected)
    {
        Assert.Equal(expected, TextInput.Clean(input));
    }
}
