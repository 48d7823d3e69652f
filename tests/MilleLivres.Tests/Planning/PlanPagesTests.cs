using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Planning;

/// <summary>
/// Staff's planning pages, each test on a fresh copy of the seeded database whose stock it creates (one host for the
/// class, its database reset before each test: ADR 0546).
/// </summary>
public class PlanPagesTests(PlanningHost host) : IClassFixture<PlanningHost>
{
    private static int Cell(IHtmlDocument page, string table, int townId, int bandId, string attribute) =>
        int.Parse(page.QuerySelector($"{table} tr[data-town='{townId}'] td[data-band='{bandId}']")!.GetAttribute(attribute)!);

    private static Task<WaveStatus> StatusAsync(PlanningApp app, int waveId) =>
        app.Factory.WithDbAsync(db => db.Waves.AsNoTracking().Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync());

    [Fact]
    public async Task Preview_shows_targets_allocations_and_stock_left_and_writes_nothing()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 2, quota: 12, new Dictionary<int, int> { [bands[0]] = 30 });
        await app.AddTitlesAsync(bands[0], count: 10, copies: 3);
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);

        var page = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");

        foreach (var town in towns)
        {
            Assert.Equal(12, Cell(page, "#apercu", town, bands[0], "data-target"));
            Assert.Equal(12, Cell(page, "#apercu", town, bands[0], "data-allocated"));
            Assert.Equal(0, Cell(page, "#apercu", town, bands[0], "data-shortfall"));
            Assert.Equal(0, Cell(page, "#apercu", town, bands[1], "data-target"));
        }
        Assert.Equal("6", page.QuerySelector($"#stock-restant tr[data-band='{bands[0]}'] td[data-copies]")!.GetAttribute("data-copies"));
        Assert.Contains("Titre 01", page.QuerySelector($"details[data-town-titles='{towns[0]}']")!.TextContent);
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.AllocationLines.CountAsync()));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Titles.SumAsync(t => t.Reserved)));
        Assert.Equal(WaveStatus.Planning, await StatusAsync(app, waveId));
    }

    [Fact]
    public async Task Confirm_writes_lines_and_reservations_and_marks_the_wave_allocated_then_undo_releases_everything()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 2, quota: 12, new Dictionary<int, int> { [bands[0]] = 30 });
        var titles = await app.AddTitlesAsync(bands[0], count: 10, copies: 3);
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);

        var confirmed = await client.SubmitFormAsync($"/Staff/Waves/Plan/{waveId}", new Dictionary<string, string>(), "#confirmer");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(WaveStatus.Allocated, await StatusAsync(app, waveId));
        var lines = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking().Where(l => l.WaveId == waveId).ToListAsync());
        foreach (var town in towns)
        {
            Assert.Equal(12, lines.Where(l => l.TownId == town).Sum(l => l.Quantity));
            Assert.All(lines.Where(l => l.TownId == town), l => Assert.InRange(l.Quantity, 1, 3));
        }
        var reservedMovements = await app.Factory.WithDbAsync(db => db.StockMovements.AsNoTracking()
            .Where(m => m.Kind == StockMovementKind.Reserved && m.WaveId == waveId).ToListAsync());
        Assert.Equal(lines.Count, reservedMovements.Count);
        Assert.Equal(24, reservedMovements.Sum(m => m.Quantity));
        Assert.Equal(24, await app.Factory.WithDbAsync(db => db.Titles.Where(t => titles.Contains(t.Id)).SumAsync(t => t.Reserved)));
        await app.AssertLedgerConsistentAsync();
        var after = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        Assert.Equal("dotations réservées", after.QuerySelector("#etat-vague")!.TextContent);
        Assert.Equal(12, Cell(after, "#dotation", towns[0], bands[0], "data-allocated"));
        var details = await client.GetDocumentAsync($"/Staff/Waves/Details/{waveId}");
        Assert.Contains("Voir la dotation (dotations réservées)", details.QuerySelector("#dotation-vague")!.TextContent);

        var undone = await client.SubmitFormAsync(after, new Dictionary<string, string>(), "#annuler");

        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal(WaveStatus.Planning, await StatusAsync(app, waveId));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.AllocationLines.CountAsync(l => l.WaveId == waveId)));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Titles.SumAsync(t => t.Reserved)));
        Assert.Equal(30, await app.Factory.WithDbAsync(db => db.Titles.SumAsync(t => t.Available)));
        Assert.Equal(-24, await app.Factory.WithDbAsync(db => db.StockMovements
            .Where(m => m.Kind == StockMovementKind.Released && m.WaveId == waveId).SumAsync(m => m.Quantity)));
        await app.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Shortfall_is_refused_beside_the_checkbox_and_writes_nothing_unless_staff_accept_it()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 2, quota: 12, new Dictionary<int, int> { [bands[0]] = 30 });
        await app.AddTitlesAsync(bands[0], count: 5, copies: 3);
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        Assert.Equal(9, towns.Sum(t => Cell(page, "#apercu", t, bands[0], "data-shortfall")));

        var refused = await client.SubmitFormAsync(page, new Dictionary<string, string>(), "#confirmer");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await Http.ParseAsync(refused);
        var error = refusedPage.FieldError("Input.AcceptShortfall");
        Assert.NotNull(error);
        Assert.DoesNotContain("required", refusedPage.Text());
        Assert.DoesNotContain("format", refusedPage.Text());
        Assert.Contains("Il manque 9 livre(s)", error);
        Assert.Equal(WaveStatus.Planning, await StatusAsync(app, waveId));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.AllocationLines.CountAsync()));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.Kind == StockMovementKind.Reserved)));

        var accepted = await client.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.AcceptShortfall"] = "true" }, "#confirmer");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(WaveStatus.Allocated, await StatusAsync(app, waveId));
        Assert.Equal(15, await app.Factory.WithDbAsync(db => db.Titles.SumAsync(t => t.Reserved)));
        var shown = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        Assert.Equal(9, towns.Sum(t => Cell(shown, "#dotation", t, bands[0], "data-shortfall")));
        await app.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Staff_fill_a_shortfall_from_the_neighbouring_band_explicitly()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 2, quota: 12, new Dictionary<int, int> { [bands[0]] = 30 });
        await app.AddTitlesAsync(bands[0], count: 5, copies: 3, prefix: "Maternelle");
        await app.AddTitlesAsync(bands[1], count: 5, copies: 2, prefix: "Élémentaire");
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        var choice = page.QuerySelector<IHtmlSelectElement>($"#completer select[name='Fill[{bands[0]}]']")!;
        Assert.Contains(choice.Options, o => o.Value == bands[1].ToString());
        Assert.DoesNotContain(choice.Options, o => o.Value == bands[2].ToString());

        var filled = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}?Fill[{bands[0]}]={bands[1]}");

        Assert.All(towns, t => Assert.Equal(0, Cell(filled, "#apercu", t, bands[0], "data-shortfall")));
        Assert.All(towns, t => Assert.Equal(12, Cell(filled, "#apercu", t, bands[0], "data-allocated")));
        var confirmed = await client.SubmitFormAsync(filled, new Dictionary<string, string>(), "#confirmer");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var lines = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking().Where(l => l.WaveId == waveId).ToListAsync());
        Assert.Equal(24, lines.Sum(l => l.Quantity));
        Assert.All(lines, l => Assert.Equal(bands[0], l.AgeBandId));
        Assert.Equal(9, lines.Where(l => l.SourceAgeBandId == bands[1]).Sum(l => l.Quantity));
        await app.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Filling_a_shortfall_from_the_next_band_for_a_town_that_holds_its_titles_confirms_without_a_duplicate_line()
    {
        // Issue 9 point 2: a town mostly of 6-10 year olds, short in 6-10, filled from 11-14 where it already holds
        // titles. The fill used to give it second copies of those titles, and confirming failed with HTTP 500 on the
        // unique (wave, town, title) index.
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 1, quota: 20, new Dictionary<int, int> { [bands[1]] = 15, [bands[2]] = 5 });
        await app.AddTitlesAsync(bands[1], count: 3, copies: 3, prefix: "Élémentaire");
        var college = await app.AddTitlesAsync(bands[2], count: 8, copies: 2, prefix: "Collège");
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var filled = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}?Fill[{bands[1]}]={bands[2]}");
        Assert.Equal(15, Cell(filled, "#apercu", towns[0], bands[1], "data-allocated"));
        Assert.Equal(5, Cell(filled, "#apercu", towns[0], bands[2], "data-allocated"));

        var confirmed = await client.SubmitFormAsync(filled, new Dictionary<string, string> { ["Input.AcceptShortfall"] = "true" }, "#confirmer");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(WaveStatus.Allocated, await StatusAsync(app, waveId));
        var lines = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking().Where(l => l.WaveId == waveId).ToListAsync());
        Assert.Equal(lines.Count, lines.Select(l => l.TitleId).Distinct().Count());
        Assert.Equal(20, lines.Sum(l => l.Quantity));
        Assert.Equal(6, lines.Where(l => l.AgeBandId == bands[1] && l.SourceAgeBandId == bands[2]).Sum(l => l.Quantity));
        Assert.All(lines.Where(l => l.SourceAgeBandId == bands[2]), l => Assert.Contains(l.TitleId, college));
        Assert.All(lines, l => Assert.InRange(l.Quantity, 1, 3));
        await app.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_large_preview_shows_the_towns_by_bands_table_and_each_towns_titles_on_its_own_page_with_the_fills()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 3, quota: 200, new Dictionary<int, int> { [bands[1]] = 10 });
        await app.AddStockInBulkAsync(bands[1], count: 150, copies: 3);
        await app.AddStockInBulkAsync(bands[2], count: 200, copies: 1);
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var fill = $"Fill[{bands[1]}]={bands[2]}";

        var page = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}?{fill}");

        // 3 towns × 200 books from 150 titles: well over the inline limit of lines.
        Assert.Empty(page.QuerySelectorAll("details[data-town-titles]"));
        Assert.NotNull(page.QuerySelector("#titres-par-ville"));
        Assert.DoesNotContain("Titre en nombre", page.Source.Text);
        Assert.All(towns, t => Assert.Equal(200, Cell(page, "#apercu", t, bands[1], "data-allocated")));
        var link = page.QuerySelector($"a[data-town-page='{towns[1]}']")!.GetAttribute("href")!;
        Assert.StartsWith($"/Staff/Waves/Plan/{waveId}/Ville/{towns[1]}?", link);
        Assert.Contains(Uri.EscapeDataString($"Fill[{bands[1]}]"), link);

        var townPage = await client.GetDocumentAsync(link);

        var titles = townPage.QuerySelectorAll($"[data-town-titles='{towns[1]}'] li").Select(li => li.TextContent).ToList();
        Assert.Equal(200, titles.Sum(t => int.Parse(t[(t.IndexOf('×') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])));
        Assert.Contains(titles, t => t.Contains("(tranche voisine)"));
        Assert.Equal("0", townPage.QuerySelector($"#apercu-ville tr[data-band='{bands[1]}'] td[data-shortfall]")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Staff/Waves/Plan/{waveId}/Ville/999999")).StatusCode);
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.AllocationLines.CountAsync()));
    }

    [Fact]
    public async Task A_towns_allocation_page_shows_its_lines_fifty_at_a_time_and_an_edit_returns_to_the_same_page()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 1, quota: 120, new Dictionary<int, int> { [bands[1]] = 10 });
        await app.AddStockInBulkAsync(bands[1], count: 200, copies: 2);
        await app.WithPlanningAsync(p => p.ConfirmAsync(waveId, [], acceptShortfall: false));
        var url = $"/Staff/Waves/{waveId}/Allocation/{towns[0]}";
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);

        var first = await client.GetAsync(url);
        var firstHtml = await first.Content.ReadAsStringAsync();
        var third = await client.GetDocumentAsync($"{url}?p=3");

        Assert.True(firstHtml.Length < 200_000, $"{firstHtml.Length} characters");
        Assert.Equal(50, (await Http.ParseAsync(first)).QuerySelectorAll("#lignes tbody tr").Length);
        Assert.Equal(20, third.QuerySelectorAll("#lignes tbody tr").Length);
        Assert.Contains("120 titre(s), 120 livre(s)", third.QuerySelector("main")!.TextContent);
        var line = int.Parse(third.QuerySelector("#lignes tbody tr")!.GetAttribute("data-line")!);
        var replacement = third.QuerySelector($"datalist[id='remplacants-{bands[1]}'] option")!.GetAttribute("value")!;

        var swapped = await client.SubmitFormAsync(third, new Dictionary<string, string> { ["Input.TitleId"] = replacement }, $"form[data-form='remplacer-{line}']");

        Assert.Equal(HttpStatusCode.Redirect, swapped.StatusCode);
        Assert.EndsWith("p=3", swapped.Headers.Location!.OriginalString);
        Assert.True(await app.Factory.WithDbAsync(db => db.AllocationLines.AnyAsync(l => l.TownId == towns[0] && l.TitleId == int.Parse(replacement))));
        await app.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Editing_a_town_changes_quantities_and_swaps_titles_with_the_ledger_kept_right()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 1, quota: 6, new Dictionary<int, int> { [bands[0]] = 10 });
        await app.AddTitlesAsync(bands[0], count: 6, copies: 3);
        await app.WithPlanningAsync(p => p.ConfirmAsync(waveId, [], acceptShortfall: false));
        var town = towns[0];
        var url = $"/Staff/Waves/{waveId}/Allocation/{town}";
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var line = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking().Where(l => l.TownId == town).OrderBy(l => l.Id).FirstAsync());
        Assert.Equal(1, line.Quantity); // six titles for six books: one copy each, diversity first

        var up = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Quantity"] = "3" }, $"form[data-form='quantite-{line.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        Assert.Equal(3, await app.Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == line.TitleId).Select(t => t.Reserved).SingleAsync()));
        await app.AssertLedgerConsistentAsync();

        var tooMany = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Quantity"] = "4" }, $"form[data-form='quantite-{line.Id}']");
        Assert.Equal(HttpStatusCode.OK, tooMany.StatusCode);
        Assert.Contains("Au plus 3 exemplaire(s)", (await Http.ParseAsync(tooMany)).FieldError("Input.Quantity"));

        var down = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Quantity"] = "2" }, $"form[data-form='quantite-{line.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, down.StatusCode);
        Assert.Equal(2, await app.Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == line.TitleId).Select(t => t.Reserved).SingleAsync()));
        await app.AssertLedgerConsistentAsync();

        // A seventh title arrives: swap the edited line for it.
        var newTitle = (await app.AddTitlesAsync(bands[0], count: 1, copies: 5, prefix: "Nouveauté")).Single();
        var swapped = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.TitleId"] = newTitle.ToString() }, $"form[data-form='remplacer-{line.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, swapped.StatusCode);
        var (oldReserved, newReserved) = await app.Factory.WithDbAsync(async db => (
            await db.Titles.Where(t => t.Id == line.TitleId).Select(t => t.Reserved).SingleAsync(),
            await db.Titles.Where(t => t.Id == newTitle).Select(t => t.Reserved).SingleAsync()));
        Assert.Equal((0, 2), (oldReserved, newReserved));
        var townLines = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking().Where(l => l.TownId == town).ToListAsync());
        Assert.DoesNotContain(townLines, l => l.TitleId == line.TitleId);
        Assert.Equal(2, townLines.Single(l => l.TitleId == newTitle).Quantity);
        await app.AssertLedgerConsistentAsync();

        var removedLine = townLines.First(l => l.TitleId != newTitle);
        var removed = await client.SubmitFormAsync(url, new Dictionary<string, string>(), $"form[data-form='retirer-{removedLine.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == removedLine.TitleId).Select(t => t.Reserved).SingleAsync()));
        await app.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Confirming_an_empty_wave_or_undoing_a_planning_wave_is_refused_in_french()
    {
        await using var app = host.Fresh();
        var wave3 = await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Number == 3).Select(w => w.Id).SingleAsync());
        var confirm = await Assert.ThrowsAsync<DomainException>(() => app.WithPlanningAsync(p => p.ConfirmAsync(wave3, [], true)));
        Assert.Contains("aucune ville", confirm.Message);
        var undo = await Assert.ThrowsAsync<DomainException>(() => app.WithPlanningAsync<bool>(async p => { await p.UndoAsync(wave3); return true; }));
        Assert.Contains("ne peut être annulée", undo.Message);
    }

    [Fact]
    public async Task Staff_edit_a_towns_quota_and_children_with_errors_beside_the_fields_and_an_audit_trail()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (_, towns) = await app.NewWaveAsync(10, towns: 1, quota: 1000, new Dictionary<int, int>());
        var url = $"/Staff/Towns/Quota/{towns[0]}";
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);

        var zero = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Quota"] = "0" }, "#quota");
        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
        Assert.Contains("Le quota doit être un nombre de livres entre 1", (await Http.ParseAsync(zero)).FieldError("Input.Quota"));
        var negative = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Quota"] = "10", [$"Input.Children[{bands[1]}]"] = "-4" }, "#quota");
        Assert.Contains("positif ou nul", (await Http.ParseAsync(negative)).FieldError($"Input.Children[{bands[1]}]"));
        Assert.Equal(1000, await app.Factory.WithDbAsync(db => db.Towns.Where(t => t.Id == towns[0]).Select(t => t.Quota).SingleAsync()));

        var saved = await client.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Quota"] = "500",
            [$"Input.Children[{bands[0]}]"] = "10",
            [$"Input.Children[{bands[1]}]"] = "30",
        }, "#quota");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.GetDocumentAsync(url);
        Assert.Equal("125", page.QuerySelector($"[data-band-target='{bands[0]}']")!.TextContent);
        Assert.Equal("375", page.QuerySelector($"[data-band-target='{bands[1]}']")!.TextContent);
        Assert.Equal("0", page.QuerySelector($"[data-band-target='{bands[2]}']")!.TextContent);
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Town" && a.EntityId == towns[0].ToString() && a.Changes.Contains("Quota"))));
    }

    [Fact]
    public async Task A_title_staff_pick_as_a_towns_wish_is_served_first()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 1, quota: 3, new Dictionary<int, int> { [bands[0]] = 5 });
        await app.AddTitlesAsync(bands[0], count: 3, copies: 1, prefix: "Ancien");
        var wished = (await app.AddTitlesAsync(bands[0], count: 1, copies: 1, prefix: "Zébulon le dragon")).Single();
        var url = $"/Staff/Waves/{waveId}/Wishes/{towns[0]}";
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var before = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        Assert.DoesNotContain("Zébulon", before.QuerySelector($"details[data-town-titles='{towns[0]}']")!.TextContent);

        var added = await client.SubmitFormAsync($"{url}?q=zebulon", new Dictionary<string, string>(), $"form[data-form='ajouter-souhait-{wished}']");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Zébulon le dragon", (await client.GetDocumentAsync(url)).QuerySelector("#souhaits")!.TextContent);
        var after = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        Assert.Contains("Zébulon le dragon 01 × 1 (souhaité)", after.QuerySelector($"details[data-town-titles='{towns[0]}']")!.TextContent);
        await app.WithPlanningAsync(p => p.ConfirmAsync(waveId, [], acceptShortfall: false));
        var line = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking().SingleAsync(l => l.TitleId == wished));
        Assert.True(line.Wished);
        var closed = await client.GetDocumentAsync(url);
        Assert.Null(closed.QuerySelector("#recherche"));
    }

    [Fact]
    public async Task Coordinator_picks_wishes_for_their_own_town_only_and_another_towns_id_gives_404()
    {
        await using var app = host.Fresh();
        var bands = await app.BandIdsAsync();
        var title = (await app.AddTitlesAsync(bands[1], count: 1, copies: 2, prefix: "Le loup qui voulait lire")).Single();
        var (wave3, lens, boulogne) = await app.Factory.WithDbAsync(async db =>
        {
            var wave = await db.Waves.Include(w => w.Towns).SingleAsync(w => w.Number == 3);
            var lensTown = await db.Towns.SingleAsync(t => t.InseeCode == "62498");
            var boulogneTown = await db.Towns.SingleAsync(t => t.InseeCode == "62160");
            wave.AddTown(lensTown, null);
            wave.AddTown(boulogneTown, null);
            await db.SaveChangesAsync();
            return (wave.Id, lensTown.Id, boulogneTown.Id);
        });
        var client = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var home = await client.GetDocumentAsync("/Coordinator");
        Assert.NotNull(home.QuerySelector($"a[href='/Coordinator/Wishes/{wave3}/{lens}']"));

        var added = await client.SubmitFormAsync($"/Coordinator/Wishes/{wave3}/{lens}?q=loup", new Dictionary<string, string>(), $"form[data-form='ajouter-souhait-{title}']");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await app.Factory.WithDbAsync(db => db.TownWishes.AnyAsync(w => w.WaveId == wave3 && w.TownId == lens && w.TitleId == title)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Coordinator/Wishes/{wave3}/{boulogne}")).StatusCode);
        var page = await client.GetDocumentAsync($"/Coordinator/Wishes/{wave3}/{lens}?q=loup");
        var token = Http.AntiforgeryToken(page, "#souhaits form");
        var forged = await client.PostAsync($"/Coordinator/Wishes/{wave3}/{boulogne}?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TitleId"] = title.ToString(),
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.False(await app.Factory.WithDbAsync(db => db.TownWishes.AnyAsync(w => w.TownId == boulogne)));
    }

    [Fact]
    public async Task Coordinator_cannot_open_the_planning_pages()
    {
        await using var app = host.Fresh();
        var wave3 = await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Number == 3).Select(w => w.Id).SingleAsync());
        var lensTown = await app.Factory.WithDbAsync(db => db.Towns.Where(t => t.InseeCode == "62498").Select(t => t.Id).SingleAsync());
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await lens.GetAsync($"/Staff/Waves/Plan/{wave3}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lens.GetAsync($"/Staff/Waves/{wave3}/Allocation/{lensTown}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lens.GetAsync($"/Staff/Waves/{wave3}/Wishes/{lensTown}")).StatusCode);
    }
}
