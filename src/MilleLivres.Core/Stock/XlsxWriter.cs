using System.IO.Compression;
using System.Security;
using System.Text;

namespace MilleLivres.Core.Stock;

/// <summary>
/// A minimal one-sheet XLSX (Office Open XML) writer: text as inline strings, numbers as numbers, a bold header.
/// The ClosedXML version served here pulls System.Drawing.Common, which does not run on Linux (ADR 0104).
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly StreamWriter _sheet;
    private int _row;

    public XlsxWriter(Stream output, string sheetName)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Write("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """);
        Write("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Write("xl/workbook.xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Write("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """);
        Write("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>
            """);
        var entry = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        _sheet = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        _sheet.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>""");
    }

    public void AddHeader(IEnumerable<string> cells) => AddRow(cells.Select(c => (object?)c), bold: true);

    /// <summary>Strings become text cells (an ISBN stays 13 digits), integers numeric cells.</summary>
    public void AddRow(IEnumerable<object?> cells, bool bold = false)
    {
        _row++;
        _sheet.Write($"<row r=\"{_row}\">");
        var column = 0;
        foreach (var cell in cells)
        {
            var reference = $"{ColumnName(column++)}{_row}";
            var style = bold ? " s=\"1\"" : "";
            switch (cell)
            {
                case null:
                    break;
                case int or long or decimal or double:
                    _sheet.Write($"<c r=\"{reference}\"{style}><v>{Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture)}</v></c>");
                    break;
                default:
                    _sheet.Write($"<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(Clean(cell.ToString()))}</t></is></c>");
                    break;
            }
        }
        _sheet.Write("</row>");
    }

    public void Dispose()
    {
        _sheet.Write("</sheetData></worksheet>");
        _sheet.Dispose();
        _zip.Dispose();
    }

    private void Write(string name, string content)
    {
        using var writer = new StreamWriter(_zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content.Trim());
    }

    /// <summary>Control characters are not allowed in XML 1.0.</summary>
    private static string Clean(string? s) =>
        string.IsNullOrEmpty(s) ? string.Empty : new string(s.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray());

    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        index++;
        while (index > 0)
        {
            var m = (index - 1) % 26;
            name = (char)('A' + m) + name;
            index = (index - 1) / 26;
        }
        return name;
    }
}
