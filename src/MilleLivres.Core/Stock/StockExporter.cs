using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Export;
using Microsoft.EntityFrameworkCore;
using SpreadCheetah;

namespace MilleLivres.Core.Stock;

/// <summary>The whole stock for a spreadsheet: CSV for French Excel (<see cref="CsvExport"/>) and XLSX (SpreadCheetah).</summary>
public sealed class StockExporter(AppDbContext db)
{
    public static readonly string[] Columns =
        ["ISBN", "Titre", "Auteur(s)", "Éditeur", "Tranche d'âge", "Genre", "Langue", "En stock", "Réservés", "Disponibles"];

    private sealed record Row(string Isbn, string Name, string Authors, string Publisher, string Band, Genre Genre, string Language, int OnHand, int Reserved, int Available);

    private IAsyncEnumerable<Row> RowsAsync() => db.Titles.AsNoTracking()
        .OrderBy(t => t.SortKey).ThenBy(t => t.Id)
        .Select(t => new Row(t.Isbn, t.Name, t.Authors, t.Publisher, t.AgeBand.MinAge + "-" + t.AgeBand.MaxAge + " ans", t.Genre, t.Language, t.OnHand, t.Reserved, t.Available))
        .AsAsyncEnumerable();

    public async Task WriteCsvAsync(Stream output, CancellationToken ct = default)
    {
        await using var csv = new CsvExport(output);
        await csv.WriteRowAsync(Columns);
        await foreach (var r in RowsAsync().WithCancellation(ct))
        {
            await csv.WriteRowAsync(r.Isbn, r.Name, r.Authors, r.Publisher, r.Band, GenreText.Of(r.Genre), r.Language, r.OnHand, r.Reserved, r.Available);
        }
    }

    public async Task WriteXlsxAsync(Stream output, CancellationToken ct = default)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: ct);
        await spreadsheet.StartWorksheetAsync("Stock", new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 }, ct);
        var bold = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });
        await spreadsheet.AddRowAsync(Columns.Select(c => new Cell(c, bold)).ToArray(), ct);
        var cells = new Cell[Columns.Length];
        await foreach (var r in RowsAsync().WithCancellation(ct))
        {
            // Text cells (an ISBN stays 13 digits, a leading "=" stays text), counts as numbers.
            cells[0] = new Cell(r.Isbn);
            cells[1] = new Cell(XmlText(r.Name));
            cells[2] = new Cell(XmlText(r.Authors));
            cells[3] = new Cell(XmlText(r.Publisher));
            cells[4] = new Cell(r.Band);
            cells[5] = new Cell(GenreText.Of(r.Genre));
            cells[6] = new Cell(XmlText(r.Language));
            cells[7] = new Cell(r.OnHand);
            cells[8] = new Cell(r.Reserved);
            cells[9] = new Cell(r.Available);
            await spreadsheet.AddRowAsync(cells, ct);
        }
        await spreadsheet.FinishAsync(ct);
    }

    /// <summary>XML 1.0 has no place for control characters (text is cleaned on input; rows older than that may hold some).</summary>
    private static string XmlText(string s) => TextInput.Clean(s);
}
