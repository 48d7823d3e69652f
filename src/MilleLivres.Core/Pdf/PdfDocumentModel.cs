namespace MilleLivres.Core.Pdf;

/// <summary>
/// A tiny, backend-free description of a PDF: pages of positioned text, lines, rectangles and images.
/// Coordinates are PDF points (1/72 inch) from the top-left corner of the page; text Y is the baseline.
/// Our layout code produces this; an <see cref="IPdfRenderer"/> turns it into bytes.
/// <paramref name="Created"/> is the date written in the file's metadata: it comes from the data (never the clock), so
/// the same model always gives the same bytes.
/// </summary>
public sealed record PdfDocumentModel(string Title, string Author, IReadOnlyList<PdfPage> Pages, DateTime Created);

public sealed record PdfPage(float Width, float Height, IReadOnlyList<PdfElement> Elements)
{
    public const float A4Width = 595.28f;
    public const float A4Height = 841.89f;
}

public enum PdfFontStyle
{
    Regular,
    Bold,
}

public enum PdfTextAlign
{
    Left,
    Center,
    Right,
}

public abstract record PdfElement;

/// <summary>One line of text; <paramref name="X"/> is its left, centre or right edge depending on <paramref name="Align"/>.</summary>
public sealed record PdfText(float X, float Y, string Value, float Size, PdfFontStyle Style = PdfFontStyle.Regular, PdfTextAlign Align = PdfTextAlign.Left) : PdfElement;

public sealed record PdfLine(float X1, float Y1, float X2, float Y2, float Thickness = 0.5f) : PdfElement;

/// <summary>A rectangle, filled with a grey level (0 black … 1 white) and/or stroked.</summary>
public sealed record PdfRectangle(float X, float Y, float Width, float Height, float? FillGray = null, float StrokeThickness = 0) : PdfElement;

/// <summary>A PNG or JPEG drawn into the given box.</summary>
public sealed record PdfImage(float X, float Y, float Width, float Height, byte[] Encoded) : PdfElement;

/// <summary>Widths of text as the renderer will draw it, so layout can wrap and align.</summary>
public interface ITextMeasurer
{
    float Width(string text, float size, PdfFontStyle style = PdfFontStyle.Regular);
}

/// <summary>The one door to a PDF library: everything else in the app speaks <see cref="PdfDocumentModel"/>.</summary>
public interface IPdfRenderer : ITextMeasurer
{
    void Render(PdfDocumentModel document, Stream output);
}

public static class PdfRendererExtensions
{
    public static byte[] RenderToBytes(this IPdfRenderer renderer, PdfDocumentModel document)
    {
        using var stream = new MemoryStream();
        renderer.Render(document, stream);
        return stream.ToArray();
    }
}
