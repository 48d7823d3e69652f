using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace MilleLivres.Tests.Packing;

/// <summary>Reads a PDF back the way a person would: the text of each page, in reading order.</summary>
public static partial class PdfReading
{
    public static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)).ToList();
    }

    /// <summary>The page's text lines (each line as laid out), for table checks.</summary>
    public static List<List<string>> PageLines(byte[] pdf) =>
        PageTexts(pdf).Select(t => t.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList()).ToList();

    /// <summary>What the carton pages of a packing slip say, read back from the PDF.</summary>
    public sealed record CartonPages(
        Dictionary<string, int> PerIsbn,
        Dictionary<int, int> RowsPerCarton,
        Dictionary<int, int> Totals,
        Dictionary<int, int> CartonCounts,
        Dictionary<int, string> Codes);

    /// <summary>
    /// Walks the carton pages: rows belong to the carton whose heading (or continuation) opens the page.
    /// <paramref name="rowsOf"/> turns a page's lines into table rows (for cells that wrap over several lines).
    /// </summary>
    public static CartonPages ReadCartons(List<List<string>> pages, Func<List<string>, IEnumerable<string>>? rowsOf = null)
    {
        var result = new CartonPages([], [], [], [], []);
        foreach (var page in pages)
        {
            var heading = CartonHeading().Match(page[0].Replace(" (suite)", ""));
            if (!heading.Success)
            {
                continue;
            }
            var number = int.Parse(heading.Groups[1].Value);
            result.CartonCounts[number] = int.Parse(heading.Groups[2].Value);
            result.Codes[number] = heading.Groups[3].Value.Replace("-", "");
            foreach (var line in rowsOf?.Invoke(page) ?? page)
            {
                var row = BookRow().Match(line);
                if (row.Success)
                {
                    var quantity = int.Parse(row.Groups[2].Value);
                    result.PerIsbn[row.Groups[1].Value] = result.PerIsbn.GetValueOrDefault(row.Groups[1].Value) + quantity;
                    result.RowsPerCarton[number] = result.RowsPerCarton.GetValueOrDefault(number) + quantity;
                }
                else if (line.StartsWith("Total du carton ", StringComparison.Ordinal))
                {
                    result.Totals[number] = int.Parse(line["Total du carton ".Length..]);
                }
            }
        }
        return result;
    }

    [GeneratedRegex(@"^(97[89]\d{10}) .* (\d+)$")]
    private static partial Regex BookRow();

    [GeneratedRegex(@"^Carton (\d+) / (\d+) — code ([A-Z0-9]{3}-[A-Z0-9]{3})$")]
    private static partial Regex CartonHeading();
}
