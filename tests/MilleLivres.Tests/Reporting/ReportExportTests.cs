using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MilleLivres.Core.Reporting;
using MilleLivres.Tests.Distribution;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Reporting;

/// <summary>The exports downloaded through the page and read back: CSV parsed with CsvHelper (CsvText.Records), XLSX opened with the Open XML SDK.</summary>
[Collection(ReportsCollection.Name)]
public class ReportExportTests(ReportsApp app)
{
    private DashboardApp P => app.Programme;

    private static string Url(ExportKind kind, ExportFormat format, int? waveId = null, DateOnly? from = null, DateOnly? to = null) =>
        $"/Staff/Reports?handler=Download&Input.Kind={kind}&Input.Format={format}&Input.WaveId={waveId}" +
        $"&Input.From={from:yyyy-MM-dd}&Input.To={to:yyyy-MM-dd}";

    private static async Task<List<string[]>> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "a private download must never be cached");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        // Parsed by CsvHelper (RFC 4180 quotes), the way the stock import reads a file.
        return Core.Stock.CsvText.Records(Encoding.UTF8.GetString(bytes[3..]), ';').Select(r => r.Fields).ToList();
    }

    /// <summary>Every row of the first sheet as cell texts (shared strings and inline strings resolved), and whether each cell is a number.</summary>
    private static async Task<List<(string Text, bool Number, bool Formula)[]>> XlsxAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportExports.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "a private download must never be cached");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        return sheet.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
        {
            var type = c.DataType?.Value;
            var text = type == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)]
                : type == CellValues.InlineString ? c.InlineString!.InnerText
                : c.CellValue?.Text ?? string.Empty;
            return (text, type is null || type == CellValues.Number, c.CellFormula is not null);
        }).ToArray()).ToList();
    }

    [Fact]
    public async Task Distributions_csv_of_a_wave_holds_its_rows_with_counts_as_numbers()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var rows = await CsvAsync(staff, Url(ExportKind.Distributions, ExportFormat.Csv, P.WaveA.WaveId));

        Assert.Equal(ReportExports.Columns[ExportKind.Distributions], rows[0]);
        var expected = await P.Factory.WithDbAsync(db => (from r in db.DistributionRows
                                                          join p in db.DistributionReports on r.ReportId equals p.Id
                                                          where p.WaveId == P.WaveA.WaveId
                                                          select new { Town = db.Towns.Where(t => t.Id == p.TownId).Select(t => t.Name).First(), r.ChildrenReached, r.BooksHandedOut })
                                                          .ToListAsync());
        var data = rows.Skip(1).ToList();
        Assert.Equal(expected.Count, data.Count);
        Assert.Contains(data, r => r[1] == "Lens");
        Assert.Equal(expected.Select(e => e.Town).Order(), data.Select(r => r[1]).Order());
        Assert.Equal(expected.Sum(e => e.BooksHandedOut), data.Sum(r => int.Parse(r[7])));
        Assert.Equal(expected.Sum(e => e.ChildrenReached), data.Sum(r => int.Parse(r[6])));
        Assert.Equal(DeliveredWave.Today.ToString("yyyy-MM-dd"), data[0][2]);
    }

    [Fact]
    public async Task Testimonials_are_flagged_and_a_text_that_looks_like_a_formula_stays_text_in_csv_and_xlsx()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var rows = await CsvAsync(staff, Url(ExportKind.Testimonials, ExportFormat.Csv));
        var quotable = rows.Single(r => r[4].Contains("J'ai lu mon livre"));
        Assert.Equal("'" + ReportsApp.QuotableText, quotable[4]);
        Assert.Equal(("oui", "approuvé", "oui"), (quotable[5], quotable[6], quotable[7]));
        var pending = rows.Single(r => r[4] == ReportsApp.PendingText);
        Assert.Equal(("oui", "à modérer", "non"), (pending[5], pending[6], pending[7]));
        var withoutConsent = rows.Single(r => r[4] == ReportsApp.PrivateText);
        Assert.Equal(("non", "non"), (withoutConsent[5], withoutConsent[7]));

        var sheet = await XlsxAsync(staff, Url(ExportKind.Testimonials, ExportFormat.Xlsx));
        var cell = sheet.Single(r => r[4].Text.Contains("J'ai lu mon livre"))[4];
        Assert.Equal(ReportsApp.QuotableText, cell.Text);
        Assert.False(cell.Number);
        Assert.False(cell.Formula);
    }

    [Fact]
    public async Task Towns_xlsx_holds_each_towns_figures_as_numbers_adding_up_to_the_dashboard()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var sheet = await XlsxAsync(staff, Url(ExportKind.Towns, ExportFormat.Xlsx));
        Assert.Equal(ReportExports.Columns[ExportKind.Towns], sheet[0].Select(c => c.Text));

        ProgrammeFigures.Dashboard figures;
        await using (var scope = P.Factory.Services.CreateAsyncScope())
        {
            figures = await scope.ServiceProvider.GetRequiredService<ProgrammeFigures>().ComputeAsync();
        }
        foreach (var wave in figures.Waves)
        {
            var rows = sheet.Skip(1).Where(r => r[0].Text == wave.Number.ToString()).ToList();
            Assert.Equal(wave.Towns, rows.Count);
            Assert.All(rows, r => Assert.True(r[8].Number && r[12].Number));
            Assert.Equal((wave.Allocated, wave.Shipped, wave.Received, wave.HandedOut, wave.ChildrenReached),
                (rows.Sum(r => long.Parse(r[8].Text)), rows.Sum(r => long.Parse(r[9].Text)), rows.Sum(r => long.Parse(r[10].Text)),
                    rows.Sum(r => long.Parse(r[11].Text)), rows.Sum(r => long.Parse(r[12].Text))));
        }
        var lens = sheet.Single(r => r[1].Text == "Lens" && r[0].Text == "50");
        Assert.Equal(("62498", "Pas-de-Calais"), (lens[2].Text, lens[3].Text));
        Assert.False(lens[2].Number);
    }

    [Fact]
    public async Task Wave_and_date_filters_keep_only_the_rows_in_scope()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var waveB = await CsvAsync(staff, Url(ExportKind.Towns, ExportFormat.Csv, P.WaveB.WaveId));
        Assert.Equal(["Maubeuge"], waveB.Skip(1).Select(r => r[1]));
        var programme = await CsvAsync(staff, Url(ExportKind.Towns, ExportFormat.Csv));
        Assert.Contains(programme, r => r[1] == "Lens");
        Assert.Contains(programme, r => r[1] == "Maubeuge");

        var today = DeliveredWave.Today;
        var rowsToday = await CsvAsync(staff, Url(ExportKind.Distributions, ExportFormat.Csv, from: today, to: today));
        var recordedToday = await P.Factory.WithDbAsync(db => db.DistributionRows.CountAsync(r => r.Date == today));
        Assert.True(recordedToday >= 4);
        Assert.Equal(recordedToday, rowsToday.Count - 1);
        Assert.Single(await CsvAsync(staff, Url(ExportKind.Distributions, ExportFormat.Csv, from: today.AddDays(1))));
        Assert.Single(await CsvAsync(staff, Url(ExportKind.Shipments, ExportFormat.Csv, to: P.WaveA.DispatchedOn.AddDays(-1))));
        var shipments = await CsvAsync(staff, Url(ExportKind.Shipments, ExportFormat.Csv, from: P.WaveA.DispatchedOn, to: P.WaveA.DispatchedOn));
        Assert.Contains(shipments, r => r[1] == "Boulogne-sur-Mer");

        // Wave 51's receipts were moved 60 days back: a filter on the last 30 days keeps only wave 50's cartons.
        var receipts = await CsvAsync(staff, Url(ExportKind.Receipts, ExportFormat.Csv, from: today.AddDays(-30)));
        Assert.NotEmpty(receipts.Skip(1));
        Assert.All(receipts.Skip(1), r => Assert.Equal("50", r[0]));
        var differences = await CsvAsync(staff, Url(ExportKind.Differences, ExportFormat.Csv, P.WaveB.WaveId));
        Assert.All(differences.Skip(1), r => Assert.Equal("sorti du stock (perdu / abîmé en transport)", r[10]));
        Assert.Equal(DeliveredWave.MissingCopies, differences.Skip(1).Sum(r => int.Parse(r[6])));
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_is_refused_at_the_field_in_french()
    {
        var staff = await P.Factory.SignedInClientAsync(Http.StaffEmail);
        var today = DeliveredWave.Today;
        var page = await staff.GetDocumentAsync(Url(ExportKind.Towns, ExportFormat.Csv, from: today, to: today.AddDays(-1)));
        Assert.Equal("La date de fin précède la date de début.", page.FieldError("Input.To"));
        Assert.NotNull(page.QuerySelector("form#export"));
    }

    [Fact]
    public async Task Coordinator_cannot_download_an_export()
    {
        var lens = await P.Factory.SignedInClientAsync(Http.LensEmail);
        var response = await lens.GetAsync(Url(ExportKind.Testimonials, ExportFormat.Csv));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(ReportsApp.PrivateText, await response.Content.ReadAsStringAsync());
    }
}
