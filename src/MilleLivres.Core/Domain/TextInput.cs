using System.Text;

namespace MilleLivres.Core.Domain;

/// <summary>
/// Text as people and files give it, made safe to store, show and export: control characters (C0, DEL, C1) are removed,
/// except tab and line breaks, which are ordinary text (a title may keep the line break its publisher gave it).
/// </summary>
public static class TextInput
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }
        var first = IndexOfControl(text);
        if (first < 0)
        {
            return text;
        }
        var clean = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!IsControl(text[i]))
            {
                clean.Append(text[i]);
            }
        }
        return clean.ToString();
    }

    private static int IndexOfControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsControl(char c) => c is not ('\t' or '\n' or '\r') && (c < ' ' || c is >= '\u007F' and <= '\u009F');
}
