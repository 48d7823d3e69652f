namespace MilleLivres.Core.Pdf;

/// <summary>Words onto lines that fit, and text cut with « … » to fit, measured as the renderer draws them.</summary>
public static class TextFitting
{
    /// <summary>Words onto lines that fit <paramref name="width"/>; a single word too long is cut.</summary>
    public static IEnumerable<string> Wrap(this ITextMeasurer measurer, string text, float width, float size, PdfFontStyle style)
    {
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : $"{current} {word}";
            if (current.Length > 0 && measurer.Width(candidate, size, style) > width)
            {
                yield return current;
                current = measurer.Fit(word, width, size, style);
            }
            else
            {
                current = measurer.Fit(candidate, width, size, style);
            }
        }
        yield return current;
    }

    /// <summary>The text itself when it fits, else its longest start that fits with « … ».</summary>
    public static string Fit(this ITextMeasurer measurer, string text, float width, float size, PdfFontStyle style)
    {
        if (measurer.Width(text, size, style) <= width)
        {
            return text;
        }
        var cut = text.Length;
        while (cut > 1 && measurer.Width(text[..cut] + "…", size, style) > width)
        {
            cut--;
        }
        return text[..cut] + "…";
    }
}
