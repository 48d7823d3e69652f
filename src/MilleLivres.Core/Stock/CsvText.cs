using System.Text;

namespace MilleLivres.Core.Stock;

/// <summary>
/// Reads what publishers send: UTF-8 with or without BOM, or Windows-1252 (French Excel); `;` or `,` (the one
/// that splits the header line); RFC 4180 quotes, including separators and line breaks inside quotes.
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

    /// <summary>Records with the (1-based) line of the file they start on; blank lines are skipped.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Records(string text, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var startLine = 1;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count > 1 || fields[0].Length > 0)
                {
                    yield return (startLine, fields.ToArray());
                }
                fields.Clear();
                line++;
                startLine = line;
            }
            else
            {
                field.Append(c);
            }
            i++;
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                yield return (startLine, fields.ToArray());
            }
        }
    }

    /// <summary>A CSV field for French Excel: quoted when it holds the separator, a quote or a line break.</summary>
    public static string Escape(string? value, char separator = ';')
    {
        value ??= string.Empty;
        return value.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
