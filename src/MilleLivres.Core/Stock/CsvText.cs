using System.Globalization;
using System.Text;
using CsvHelper;

namespace MilleLivres.Core.Stock;

/// <summary>
/// Reads what publishers send: UTF-8 with or without BOM, or Windows-1252 (French Excel); `;` or `,` (the one
/// that splits the header line); the records themselves are parsed by CsvHelper.
/// </summary>
public static class CsvText
{
    static CsvText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not valid UTF-8: what Excel writes on a French Windows.
            return Windows1252.GetString(bytes);
        }
    }

    public static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
        }
        return semicolons >= commas && semicolons > 0 ? ';' : commas > 0 ? ',' : ';';
    }

    /// <summary>
    /// Records with the (1-based) line of the file they start on; blank lines are skipped. Parsed by CsvHelper (RFC 4180
    /// quotes, separators and line breaks inside quotes; a stray quote inside an unquoted field is kept as text).
    /// </summary>
    public static IEnumerable<(int Line, string[] Fields)> Records(string text, char separator)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            TrimWhitespace = false,
        };
        using var reader = CsvReader.Create(new StringReader(text), options, leaveOpen: false);
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i) ?? string.Empty;
            }
            if (fields.Length == 0 || (fields.Length == 1 && fields[0].Length == 0))
            {
                continue;
            }
            yield return ((int)reader.LineNumber, fields);
        }
    }
}
