using System.Collections.Concurrent;
using MilleLivres.Core.Options;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace MilleLivres.Core.Pdf;

/// <summary>
/// <see cref="IPdfRenderer"/> on SkiaSharp's PDF backend. The TrueType files are loaded explicitly from the configured
/// folder (never a system font look-up, which differs between machines); Skia embeds the subset of glyphs used.
/// Thread-safe: typefaces are shared, each render has its own fonts and paints.
/// </summary>
public sealed class SkiaPdfRenderer : IPdfRenderer, IDisposable
{
    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;
    private readonly ConcurrentDictionary<(char, PdfFontStyle), float> _advances = new();
    private readonly Lock _measureLock = new();
    private readonly SKFont _measureRegular;
    private readonly SKFont _measureBold;
    private const float MeasureSize = 1000f;

    public SkiaPdfRenderer(IOptions<PackingOptions> options)
        : this(options.Value.RegularFontPath, options.Value.BoldFontPath)
    {
    }

    public SkiaPdfRenderer(string regularFontPath, string boldFontPath)
    {
        _regular = LoadTypeface(regularFontPath);
        _bold = LoadTypeface(boldFontPath);
        _measureRegular = LinearFont(_regular, MeasureSize);
        _measureBold = LinearFont(_bold, MeasureSize);
    }

    private static SKFont LinearFont(SKTypeface typeface, float size = 12f) =>
        new(typeface, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias };

    private static SKTypeface LoadTypeface(string path) =>
        SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"Police illisible ou introuvable : « {path} ».");

    public float Width(string text, float size, PdfFontStyle style = PdfFontStyle.Regular)
    {
        // Sum of cached advances: the same widths Skia uses when drawing (it does not kern on this path).
        var units = 0f;
        foreach (var c in text)
        {
            units += _advances.GetOrAdd((c, style), Advance);
        }
        return units * size / MeasureSize;
    }

    private float Advance((char Char, PdfFontStyle Style) key)
    {
        lock (_measureLock)
        {
            return (key.Style == PdfFontStyle.Bold ? _measureBold : _measureRegular).MeasureText(key.Char.ToString());
        }
    }

    public void Render(PdfDocumentModel document, Stream output)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Title,
            Author = document.Author,
            Creator = "MilleLivres",
            Producer = "MilleLivres (SkiaSharp)",
            // From the data, not the clock: an unchanged document renders to the same bytes (and keeps its hash and ETag).
            // Skia adds no random document id outside PDF/A mode, which stays off.
            Creation = document.Created,
            Modified = document.Created,
            RasterDpi = 150,
        };
        using var wrapped = new SKManagedWStream(output);
        using var pdf = SKDocument.CreatePdf(wrapped, metadata)
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
        foreach (var page in document.Pages)
        {
            DrawPage(pdf.BeginPage(page.Width, page.Height), page);
            pdf.EndPage();
        }
        pdf.Close();
        wrapped.Flush();
    }

    /// <summary>A page as a PNG, for eyeballing the layout (PDF viewers are not always at hand).</summary>
    internal byte[] RenderPng(PdfPage page, float scale = 1.5f)
    {
        var info = new SKImageInfo((int)(page.Width * scale), (int)(page.Height * scale));
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        DrawPage(surface.Canvas, page);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    private void DrawPage(SKCanvas canvas, PdfPage page)
    {
        // Unhinted, linear advances: the widths Width() measured. Hinted advances are rounded to whole points at small
        // sizes ("i" 2.5 -> 3 at 9 pt), which made table text run past its column.
        using var regular = LinearFont(_regular);
        using var bold = LinearFont(_bold);
        using var fill = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke };
        foreach (var element in page.Elements)
        {
            switch (element)
            {
                case PdfText t:
                    var font = t.Style == PdfFontStyle.Bold ? bold : regular;
                    font.Size = t.Size;
                    fill.Color = SKColors.Black;
                    canvas.DrawText(t.Value, t.X, t.Y, Align(t.Align), font, fill);
                    break;
                case PdfLine l:
                    stroke.StrokeWidth = l.Thickness;
                    canvas.DrawLine(l.X1, l.Y1, l.X2, l.Y2, stroke);
                    break;
                case PdfRectangle r:
                    var rect = SKRect.Create(r.X, r.Y, r.Width, r.Height);
                    if (r.FillGray is { } gray)
                    {
                        var level = (byte)Math.Clamp(MathF.Round(gray * 255), 0, 255);
                        fill.Color = new SKColor(level, level, level);
                        canvas.DrawRect(rect, fill);
                    }
                    if (r.StrokeThickness > 0)
                    {
                        stroke.StrokeWidth = r.StrokeThickness;
                        canvas.DrawRect(rect, stroke);
                    }
                    break;
                case PdfImage i:
                    using (var image = SKImage.FromEncodedData(i.Encoded))
                    {
                        canvas.DrawImage(image, SKRect.Create(i.X, i.Y, i.Width, i.Height), new SKSamplingOptions(SKFilterMode.Nearest));
                    }
                    break;
                default:
                    throw new NotSupportedException($"Unknown PDF element {element.GetType().Name}.");
            }
        }
    }

    private static SKTextAlign Align(PdfTextAlign align) => align switch
    {
        PdfTextAlign.Center => SKTextAlign.Center,
        PdfTextAlign.Right => SKTextAlign.Right,
        _ => SKTextAlign.Left,
    };

    public void Dispose()
    {
        _measureRegular.Dispose();
        _measureBold.Dispose();
        _regular.Dispose();
        _bold.Dispose();
    }
}
