using SkiaSharp;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// The map of France of the dashboard (<see cref="FranceMap"/>, ADR 0820) drawn as a PNG for the wave report's PDF:
/// the départements served dark, the others light, overseas départements as the same labelled insets.
/// </summary>
public static class FranceMapPicture
{
    /// <summary>The PNG and its size in pixels (so a layout scales it without decoding it).</summary>
    public sealed record Picture(byte[] Png, int Width, int Height);

    public static readonly SKColor Served = new(0x1f, 0x4e, 0x79);
    public static readonly SKColor NotServed = new(0xe6, 0xe6, 0xe6);

    public static Picture Draw(FranceMap map, IReadOnlySet<string> servedCodes, int pixelWidth = 1000)
    {
        var scale = (float)(pixelWidth / map.Width);
        var pixelHeight = (int)Math.Ceiling(map.Height * scale);
        using var surface = SKSurface.Create(new SKImageInfo(pixelWidth, pixelHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var border = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = SKColors.White, StrokeWidth = 0.8f };
        using var insetBorder = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = SKColors.Gray, StrokeWidth = 0.8f };
        using var font = new SKFont(SKTypeface.Default, 11);
        using var label = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        foreach (var shape in map.Shapes)
        {
            fill.Color = servedCodes.Contains(shape.Code) ? Served : NotServed;
            if (shape.Path is { } data)
            {
                using var path = SKPath.ParseSvgPathData(data);
                if (path is null)
                {
                    continue;
                }
                canvas.DrawPath(path, fill);
                canvas.DrawPath(path, border);
            }
            else
            {
                var box = SKRect.Create((float)shape.X, (float)shape.Y, (float)shape.Width, (float)shape.Height);
                canvas.DrawRect(box, fill);
                canvas.DrawRect(box, insetBorder);
                label.Color = servedCodes.Contains(shape.Code) ? SKColors.White : SKColors.Black;
                canvas.DrawText(shape.Code, box.MidX, box.MidY + 4, SKTextAlign.Center, font, label);
            }
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new Picture(png.ToArray(), pixelWidth, pixelHeight);
    }
}
