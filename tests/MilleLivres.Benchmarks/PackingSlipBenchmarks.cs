using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Pdf;
using SkiaSharp;

namespace MilleLivres.Benchmarks;

/// <summary>A town's allocation as the packing step gets it: 1000 books, about 400 titles over four age bands.</summary>
public static class SlipData
{
    public const string FontDirectory = "/usr/share/fonts/truetype/dejavu";
    private static readonly (string Label, int Order)[] Bands = [("3-5 ans", 1), ("6-10 ans", 2), ("11-14 ans", 3), ("15-18 ans", 4)];
    private static readonly string[] Words = ["l'été", "de", "Zoé", "aventures", "mystère", "château", "forêt", "dragon", "école", "Noël", "œuvre", "cœur", "garçon", "histoire", "extraordinaire", "petit", "grand", "voyage"];

    public static SkiaPdfRenderer Renderer() => new(Path.Combine(FontDirectory, "DejaVuSans.ttf"), Path.Combine(FontDirectory, "DejaVuSans-Bold.ttf"));

    public static PackingSlipModel Slip(int town, int books = 1000)
    {
        var random = new Random(town);
        var lines = new List<BookToPack>();
        var left = books;
        for (var i = 0; left > 0; i++)
        {
            var band = Bands[i % Bands.Length];
            var quantity = Math.Min(left, 1 + i % 4);
            var title = string.Join(' ', Enumerable.Range(0, random.Next(3, 14)).Select(_ => Words[random.Next(Words.Length)]));
            lines.Add(new BookToPack($"978{town:D3}{i:D7}", char.ToUpperInvariant(title[0]) + title[1..], $"Autrice {random.Next(200)}", band.Label, band.Order, quantity));
            left -= quantity;
        }
        var planned = Cartonizer.Split(lines, 40);
        var codes = planned.Select(_ => CartonCode.New()).ToList();
        return new PackingSlipModel("Vague 2 — automne 2020", $"Ville n° {town} — Saint-Étienne-du-Rouvray", "Cité éducative du Château Blanc",
            "Collège Louise-Michel, 1 rue de l'Église, 76800 Saint-Étienne-du-Rouvray", "Quai de livraison côté gymnase, de 8 h à 12 h.",
            "Françoise Lœuvre", "francoise.loeuvre@example.fr", new DateOnly(2020, 11, 23), PackingSlipModel.CartonsFrom(planned, codes));
    }

    public static PackingSlipLayout Layout(SkiaPdfRenderer renderer) => new(renderer, code => $"https://millelivres.example.org/Coordinator/Receipt/{code}");
}

/// <summary>One town's packing slip (1000 books, 25 cartons, labels). Goal: under 300 ms.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 10)]
public class PackingSlipBenchmarks
{
    private SkiaPdfRenderer _renderer = null!;
    private PackingSlipLayout _layout = null!;
    private PackingSlipModel _slip = null!;
    private PdfDocumentModel _model = null!;
    private List<List<string>> _texts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = SlipData.Renderer();
        _layout = SlipData.Layout(_renderer);
        _slip = SlipData.Slip(1);
        _model = _layout.Layout(_slip);
        _texts = _model.Pages.Select(p => p.Elements.OfType<PdfText>().Select(t => t.Value).ToList()).ToList();
        Console.WriteLine($"// slip: {_slip.TotalBooks} books, {_slip.Cartons.Count} cartons, {_model.Pages.Count} pages, {_renderer.RenderToBytes(_model).Length} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _renderer.Dispose();

    [Benchmark(Description = "Layout only (our code)")]
    public int LayoutOnly() => _layout.Layout(_slip).Pages.Count;

    [Benchmark(Description = "Layout + PDF (one town)")]
    public int LayoutAndRender()
    {
        using var stream = new MemoryStream();
        _renderer.Render(_layout.Layout(_slip), stream);
        return (int)stream.Length;
    }

    /// <summary>
    /// Baseline: the same strings on the same number of pages, drawn straight with SkiaSharp — one line each, fixed
    /// positions, no measuring, wrapping, tables or QR codes. The floor any layout on this backend pays.
    /// </summary>
    [Benchmark(Baseline = true, Description = "Baseline: same text, raw SkiaSharp")]
    public int BaselineSameText()
    {
        using var stream = new MemoryStream();
        using (var wrapped = new SKManagedWStream(stream))
        using (var document = SKDocument.CreatePdf(wrapped, new SKDocumentPdfMetadata { Title = "baseline" }))
        using (var typeface = SKTypeface.FromFile(Path.Combine(SlipData.FontDirectory, "DejaVuSans.ttf")))
        using (var font = new SKFont(typeface, 9))
        using (var paint = new SKPaint { Color = SKColors.Black })
        {
            foreach (var page in _texts)
            {
                var canvas = document.BeginPage(PdfPage.A4Width, PdfPage.A4Height);
                var y = 40f;
                foreach (var text in page)
                {
                    canvas.DrawText(text, 40, y, SKTextAlign.Left, font, paint);
                    y = y > 800 ? 40 : y + 11;
                }
                document.EndPage();
            }
            document.Close();
        }
        return (int)stream.Length;
    }
}

/// <summary>A whole wave: 80 towns' slips on the machine's 2 cores (two at a time, as the job server runs them). Goal: under 30 s.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class WaveBenchmarks
{
    private SkiaPdfRenderer _renderer = null!;
    private PackingSlipLayout _layout = null!;
    private List<PackingSlipModel> _slips = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = SlipData.Renderer();
        _layout = SlipData.Layout(_renderer);
        _slips = Enumerable.Range(1, 80).Select(t => SlipData.Slip(t)).ToList();
        Console.WriteLine($"// wave: {_slips.Count} towns, {_slips.Sum(s => _layout.Layout(s).Pages.Count)} pages");
    }

    [GlobalCleanup]
    public void Cleanup() => _renderer.Dispose();

    [Benchmark(Description = "80 towns, 2 in parallel")]
    public long EightyTowns()
    {
        long bytes = 0;
        Parallel.ForEach(_slips, new ParallelOptions { MaxDegreeOfParallelism = 2 }, slip =>
        {
            using var stream = new MemoryStream();
            _renderer.Render(_layout.Layout(slip), stream);
            Interlocked.Add(ref bytes, stream.Length);
        });
        return bytes;
    }
}
