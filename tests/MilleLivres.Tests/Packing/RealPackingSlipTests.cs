using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Packing;

/// <summary>A seeded app with wave 4 allocated: Lens 61 titles (367 books), Boulogne-sur-Mer 15 titles.</summary>
public sealed class AllocatedWaveApp : IAsyncLifetime
{
    public RealPackingAppFactory Factory { get; } = new();
    public int WaveId { get; private set; }
    public int Lens { get; private set; }
    public int Boulogne { get; private set; }
    public Dictionary<int, List<AllocatedWave.Line>> Lines { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Factory.SeededAsync();
        (WaveId, Lines) = await AllocatedWave.CreateAsync(Factory, 4, new Dictionary<string, int> { ["Lens"] = 61, ["Boulogne-sur-Mer"] = 15 });
        Lens = await AllocatedWave.TownIdAsync(Factory, "Lens");
        Boulogne = await AllocatedWave.TownIdAsync(Factory, "Boulogne-sur-Mer");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public partial class RealPackingSlipTests(AllocatedWaveApp app) : IClassFixture<AllocatedWaveApp>
{


    /// <summary>Staff press "Produce" on the packing page, then reload until every town is done (the job server runs them).</summary>
    internal static async Task<IHtmlDocument> ProduceAndWaitAsync(AppFactory factory, HttpClient staff, int waveId)
    {
        var url = $"/Staff/Packing/{waveId}";
        var towns = await factory.WithDbAsync(db => db.WaveTowns.CountAsync(t => t.WaveId == waveId));
        var startedAt = DateTime.UtcNow;
        // Producing again asks for a confirmation (ticked here; ignored the first time).
        var response = await staff.SubmitFormAsync(url, new Dictionary<string, string> { ["confirm"] = "true" }, "form#produce");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var document = await Wait.UntilAsync(() => staff.GetDocumentAsync(url),
            d => d.QuerySelector("section#progress[data-progress-finished='true']") is not null);
        var summary = document.QuerySelector("#progress-summary")?.TextContent.Trim();
        Assert.True($"{towns} sur {towns} villes prêtes." == summary, $"progress: {summary}; {document.QuerySelector("tbody")?.TextContent}");
        return document;
    }

    private Task<byte[]> SlipAsync(int townId) => app.Factory.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking()
        .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.WaveId == app.WaveId && d.TownId == townId).Select(d => d.Content).SingleAsync());

    private Task<List<Carton>> CartonsAsync(int townId) => app.Factory.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines)
        .Where(c => c.WaveId == app.WaveId && c.TownId == townId).OrderBy(c => c.Number).ToListAsync());

    /// <summary>
    /// A table row whose cells wrap (the age band "3-5 ans (maternelle)" takes two lines) is read back over several
    /// lines: join them from one ISBN to the next, so each row is "ISBN … quantity".
    /// </summary>
    internal static IEnumerable<string> JoinRows(IEnumerable<string> lines)
    {
        string? row = null;
        foreach (var line in lines)
        {
            if (IsbnStart().IsMatch(line) || line.StartsWith("Total du carton") || line.StartsWith("Préparé par") || line.StartsWith("Bordereau de colisage"))
            {
                if (row is not null)
                {
                    yield return row;
                }
                row = IsbnStart().IsMatch(line) ? line : null;
                if (row is null)
                {
                    yield return line;
                }
            }
            else if (row is not null)
            {
                row += " " + line;
            }
            else
            {
                yield return line;
            }
        }
        if (row is not null)
        {
            yield return row;
        }
    }

    [GeneratedRegex(@"^97[89]\d{10} ")]
    private static partial Regex IsbnStart();

    [Fact]
    public async Task Slip_made_from_the_real_allocation_has_every_title_and_quantity_in_ceil_total_over_40_cartons()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await ProduceAndWaitAsync(app.Factory, staff, app.WaveId);
        var allocated = app.Lines[app.Lens];
        var total = allocated.Sum(l => l.Quantity);
        Assert.Equal(367, total);
        var expectedCartons = (total + 39) / 40;

        var pdf = await SlipAsync(app.Lens);
        var pages = PdfReading.PageLines(pdf);
        var cover = pages[0];
        Assert.Contains($"Nombre de cartons {expectedCartons}", cover);
        Assert.Contains($"Nombre de livres {total}", cover);
        Assert.Contains("Ville Lens", cover);
        Assert.Contains("Cité éducative Cité éducative de Lens", cover);
        Assert.Contains(cover, l => l.Contains("12 rue de l'Église"));
        Assert.Contains(cover, l => l.Contains("Entrée côté gymnase"));
        Assert.Contains(cover, l => l.StartsWith("Coordinateur·rice Françoise Lœuvre — francoise.loeuvre@example.fr"));

        var text = string.Join("\n", pages.SelectMany(p => p));
        Assert.All(allocated, l => Assert.Contains(l.Title, text));
        var read = PdfReading.ReadCartons(pages, JoinRows);
        var (perIsbn, rowsPerCarton, totals, codes) = (read.PerIsbn, read.RowsPerCarton, read.Totals, read.Codes);
        Assert.All(read.CartonCounts.Values, n => Assert.Equal(expectedCartons, n));
        Assert.Equal(allocated.ToDictionary(l => l.Isbn, l => l.Quantity).OrderBy(p => p.Key), perIsbn.OrderBy(p => p.Key));
        Assert.Equal(Enumerable.Range(1, expectedCartons), totals.Keys.Order());
        Assert.All(totals, t => Assert.Equal(rowsPerCarton[t.Key], t.Value));
        Assert.All(totals.Values, v => Assert.InRange(v, 1, 40));
        Assert.Equal(total, totals.Values.Sum());

        // The stored cartons are the ones printed, and they hold the allocation.
        var cartons = await CartonsAsync(app.Lens);
        Assert.Equal(expectedCartons, cartons.Count);
        Assert.All(cartons, c => Assert.Equal(expectedCartons, c.Count));
        Assert.Equal(cartons.ToDictionary(c => c.Number, c => c.Code).OrderBy(p => p.Key), codes.OrderBy(p => p.Key));
        Assert.Equal(cartons.ToDictionary(c => c.Number, c => c.Lines.Sum(l => l.Quantity)).OrderBy(p => p.Key), totals.OrderBy(p => p.Key));
        Assert.Equal(
            allocated.Select(l => (l.TitleId, l.AgeBandId, l.Quantity)).Order(),
            cartons.SelectMany(c => c.Lines).GroupBy(l => (l.TitleId, l.AgeBandId)).Select(g => (g.Key.TitleId, g.Key.AgeBandId, g.Sum(l => l.Quantity))).Order());

        // Labels: one per carton, with its receipt address (text under the QR code).
        var labelText = string.Join("\n", pages.Skip(pages.Count - (expectedCartons + 3) / 4).SelectMany(p => p));
        foreach (var carton in cartons)
        {
            Assert.Contains($"Carton {carton.Number} / {expectedCartons}", labelText);
            Assert.Contains($"{RealPackingAppFactory.BaseUrl}/Coordinator/Receipt/{carton.Code}", labelText);
        }
    }

    /// <summary>
    /// The planner reads a town's allocation with plain SQL (ADR 0527 point 11): each book of the slip carries its title's
    /// name and authors and its band's label and order as the stock and the bands describe them, in the quantity allocated.
    /// </summary>
    [Fact]
    public async Task Each_book_of_the_slip_carries_its_titles_name_and_authors_and_its_bands_label_from_the_allocation()
    {
        var expected = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking()
            .Where(l => l.WaveId == app.WaveId && l.TownId == app.Lens)
            .Select(l => new { l.Title.Isbn, l.Title.Name, l.Title.Authors, l.AgeBand.MinAge, l.AgeBand.MaxAge, Band = l.AgeBand.Name, l.AgeBand.SortOrder, l.Quantity })
            .ToListAsync());
        // Several bands, each with its own ages: a band's columns read in the wrong order would show.
        Assert.True(expected.Select(e => e.Band).Distinct().Count() > 1);
        Assert.All(expected, e => Assert.NotEqual(e.MinAge, e.MaxAge));

        PackingSlipModel slip;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            slip = await scope.ServiceProvider.GetRequiredService<IPackingSlipSource>().BuildAsync(app.WaveId, app.Lens, CancellationToken.None);
        }

        var books = slip.Cartons.SelectMany(c => c.Lines)
            .GroupBy(b => (b.Isbn, b.Title, b.Authors, b.AgeBandLabel, b.AgeBandOrder))
            .Select(g => (g.Key.Isbn, g.Key.Title, g.Key.Authors, g.Key.AgeBandLabel, g.Key.AgeBandOrder, Quantity: g.Sum(b => b.Quantity)));
        Assert.Equal(
            expected.Select(e => (e.Isbn, e.Name, e.Authors, $"{e.MinAge}-{e.MaxAge} ans ({e.Band})", e.SortOrder, e.Quantity)).Order(),
            books.Order());
    }

    [Fact]
    public async Task Producing_twice_keeps_the_same_cartons_codes_and_one_identical_slip()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await ProduceAndWaitAsync(app.Factory, staff, app.WaveId);
        var cartons = await CartonsAsync(app.Boulogne);
        var text = PdfReading.PageTexts(await SlipAsync(app.Boulogne));
        var documentIds = await app.Factory.WithDbAsync(db => db.GeneratedDocuments.Where(d => d.WaveId == app.WaveId).Select(d => d.Id).OrderBy(i => i).ToListAsync());

        await ProduceAndWaitAsync(app.Factory, staff, app.WaveId);
        var again = await CartonsAsync(app.Boulogne);
        Assert.Equal(cartons.Select(c => (c.Id, c.Number, c.Code)), again.Select(c => (c.Id, c.Number, c.Code)));
        Assert.Equal(text, PdfReading.PageTexts(await SlipAsync(app.Boulogne)));
        Assert.Equal(documentIds, await app.Factory.WithDbAsync(db => db.GeneratedDocuments.Where(d => d.WaveId == app.WaveId).Select(d => d.Id).OrderBy(i => i).ToListAsync()));
        var attempts = await app.Factory.WithDbAsync(db => db.WorkItems.Where(w => w.Key == PackingSlipWork.Key(app.WaveId, app.Boulogne)).Select(w => w.Attempts).SingleAsync());
        Assert.True(attempts >= 2, $"the job ran {attempts} time(s)");
        Assert.Equal(2, await app.Factory.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Group == PackingSlipWork.Group(app.WaveId))));
    }

    [Fact]
    public async Task Coordinator_sees_their_towns_slip_and_cartons_and_downloads_only_their_own_slip()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await ProduceAndWaitAsync(app.Factory, staff, app.WaveId);
        var documents = await app.Factory.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking().Where(d => d.WaveId == app.WaveId)
            .ToDictionaryAsync(d => d.TownId!.Value, d => d.Id));
        var cartons = await CartonsAsync(app.Lens);

        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var page = await lens.GetDocumentAsync("/Coordinator/Delivery");
        var section = Assert.Single(page.QuerySelectorAll($"section.delivery[data-wave='{app.WaveId}']"));
        Assert.Equal(app.Lens.ToString(), section.GetAttribute("data-town"));
        Assert.Empty(page.QuerySelectorAll($"section.delivery[data-town='{app.Boulogne}']"));
        Assert.DoesNotContain("Boulogne", page.Text());
        Assert.Equal(cartons.Count, section.QuerySelectorAll("tbody tr").Length);
        foreach (var carton in cartons)
        {
            Assert.Contains(CartonCode.Display(carton.Code), section.TextContent);
        }

        var link = section.QuerySelector("a.slip")!.GetAttribute("href")!;
        Assert.Equal($"/Coordinator/Documents/Download/{documents[app.Lens]}", link);
        var pdf = await lens.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Contains("Ville Lens", PdfReading.PageLines(await pdf.Content.ReadAsByteArrayAsync())[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await lens.GetAsync($"/Coordinator/Documents/Download/{documents[app.Boulogne]}")).StatusCode);

        var boulogne = await app.Factory.SignedInClientAsync(Http.BoulogneEmail);
        Assert.Equal(HttpStatusCode.OK, (await boulogne.GetAsync($"/Coordinator/Documents/Download/{documents[app.Boulogne]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await boulogne.GetAsync($"/Coordinator/Documents/Download/{documents[app.Lens]}")).StatusCode);
    }

    [Fact]
    public async Task Receipt_address_of_a_carton_shows_it_to_its_towns_coordinator_only()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await ProduceAndWaitAsync(app.Factory, staff, app.WaveId);
        var lensCarton = (await CartonsAsync(app.Lens)).Last();
        var boulogneCarton = (await CartonsAsync(app.Boulogne)).First();
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);

        // The path printed in the QR code.
        var receipt = new Uri(new PackingOptionsProbe().ReceiptUrl(lensCarton.Code)).AbsolutePath;
        Assert.Equal($"/Coordinator/Receipt/{lensCarton.Code}", receipt);
        var page = await lens.GetDocumentAsync(receipt);
        Assert.Equal($"{lensCarton.Number} / {lensCarton.Count}", page.QuerySelector("#carton-number")!.TextContent.Trim());
        Assert.Equal(CartonCode.Display(lensCarton.Code), page.QuerySelector("#carton-code")!.TextContent.Trim());
        Assert.Contains("Lens", page.QuerySelector("h1")!.TextContent);
        var rows = page.QuerySelectorAll("#carton-lines tbody tr");
        Assert.Equal(lensCarton.Lines.Count, rows.Length);
        Assert.Equal(lensCarton.Lines.Sum(l => l.Quantity), rows.Sum(r => int.Parse(r.Children[^1].TextContent)));

        // Read out on the phone: lower case and a dash are fine.
        await lens.GetDocumentAsync($"/Coordinator/Receipt/{CartonCode.Display(lensCarton.Code).ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.NotFound, (await lens.GetAsync($"/Coordinator/Receipt/{boulogneCarton.Code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lens.GetAsync("/Coordinator/Receipt/ABCDEF")).StatusCode);
        var anonymous = await app.Factory.CreateBrowserLikeClient().GetAsync(receipt);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Wave_page_shows_packing_progress_and_links_to_the_packing_page()
    {
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await ProduceAndWaitAsync(app.Factory, staff, app.WaveId);
        var page = await staff.GetDocumentAsync($"/Staff/Waves/Details/{app.WaveId}");
        var section = page.QuerySelector("section#packing-summary")!;
        Assert.Equal("2 sur 2 villes prêtes.", section.QuerySelector("#packing-summary-text")!.TextContent.Trim());
        Assert.Equal("true", section.GetAttribute("data-progress-finished"));
        Assert.NotNull(section.QuerySelector($"a[href='/Staff/Packing/{app.WaveId}']"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "inline script"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/work-progress.js']"));
    }

    [Fact]
    public async Task Slips_of_a_wave_still_in_planning_are_refused_with_a_french_message()
    {
        var waveId = await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Number == 3).Select(w => w.Id).SingleAsync());
        Assert.Equal(WaveStatus.Planning, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await staff.SubmitFormAsync($"/Staff/Packing/{waveId}", new Dictionary<string, string>(), "form#produce");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Contains("les bordereaux ne peuvent être produits qu'une fois les dotations réservées", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Group == PackingSlipWork.Group(waveId))));
    }

    private sealed class PackingOptionsProbe
    {
        public string ReceiptUrl(string code) => new MilleLivres.Core.Options.PackingOptions { PublicBaseUrl = RealPackingAppFactory.BaseUrl }.ReceiptUrl(code);
    }
}
