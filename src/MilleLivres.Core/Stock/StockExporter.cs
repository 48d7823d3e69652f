using System.Text;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Stock;

/// <summary>The whole stock for a spreadsheet: CSV for French Excel (UTF-8 with BOM, `;`) and XLSX.</summary>
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
        // The BOM tells Excel the file is UTF-8; without it accents come out garbled.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(string.Join(';', Columns.Select(c => CsvText.Escape(c))) + "\r\n");
        await foreach (var r in RowsAsync().WithCancellation(ct))
        {
            await writer.WriteAsync(string.Join(';',
                CsvText.Escape(r.Isbn), CsvText.Escape(r.Name), CsvText.Escape(r.Authors), CsvText.Escape(r.Publisher),
                CsvText.Escape(r.Band), CsvText.Escape(GenreText.Of(r.Genre)), CsvText.Escape(r.Language),
                r.OnHand, r.Reserved, r.Available) + "\r\n");
        }
    }

    public async Task WriteXlsxAsync(Stream output, CancellationToken ct = default)
    {
        // ZipArchive writes synchronously: build in memory, then copy (the stock is a few MB at most).
        using var buffer = new MemoryStream();
        using (var xlsx = new XlsxWriter(buffer, "Stock"))
        {
            xlsx.AddHeader(Columns);
            await foreach (var r in RowsAsync().WithCancellation(ct))
            {
                xlsx.AddRow([r.Isbn, r.Name, r.Authors, r.Publisher, r.Band, GenreText.Of(r.Genre), r.Language, r.OnHand, r.Reserved, r.Available]);
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }
}
