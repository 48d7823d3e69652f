using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace MilleLivres.Tests.Packing;

/// <summary>Reads a PDF back the way a person would: the text of each page, in reading order.</summary>
public static class PdfReading
{
    public static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)).ToList();
    }

    /// <summary>The page's text lines (each line as laid out), for table checks.</summary>
    public static List<List<string>> PageLines(byte[] pdf) =>
        PageTexts(pdf).Select(t => t.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList()).ToList();
}
