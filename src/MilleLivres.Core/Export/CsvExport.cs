using System.Globalization;
using CsvHelper;

namespace MilleLivres.Core.Export;

/// <summary>
/// The one CSV writer of every export, for French Excel: UTF-8 with BOM, `;`, CRLF, RFC 4180 quoting (CsvHelper). Safe to
/// open: a text cell that a spreadsheet would run as a formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or carriage return) is written with a leading <c>'</c> (OWASP, "CSV injection"); numbers passed as numbers are
/// not text, so a real negative number stays a number.
/// </summary>
public sealed class CsvExport : IAsyncDisposable
{
    public const char Separator = ';';
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = Separator,
        WriteByteOrderMark = true,
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
        // A decimal comma for French Excel (the separator is `;`, so it needs no quotes).
        FormatProvider = CultureInfo.GetCultureInfo("fr-FR"),
        ValidateFieldCount = true,
    };

    private readonly CsvWriter _csv;

    public CsvExport(Stream output) => _csv = CsvWriter.Create(output, Options, leaveOpen: true);

    /// <summary>One record: strings are text (neutralised when they look like a formula), numbers and dates are values.</summary>
    public async Task WriteRowAsync(params IEnumerable<object?> cells)
    {
        foreach (var cell in cells)
        {
            switch (cell)
            {
                case null:
                    _csv.WriteField((string?)null);
                    break;
                case string text:
                    _csv.WriteField(text);
                    break;
                case DateOnly date:
                    _csv.WriteField(date, "yyyy-MM-dd");
                    break;
                default:
                    _csv.WriteField(cell);
                    break;
            }
        }
        await _csv.EndRecordAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _csv.FlushAsync();
        await _csv.DisposeAsync();
    }
}
