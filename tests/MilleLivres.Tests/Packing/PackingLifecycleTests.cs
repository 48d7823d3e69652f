using System.Net;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Packing;

public sealed class SeededRealPackingApp : IAsyncLifetime
{
    public RealPackingAppFactory Factory { get; } = new();

    public async Task InitializeAsync() => await Factory.SeededAsync();

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Each test allocates its own wave (towns of closed waves 1 and 2), so they do not depend on each other.</summary>
public class PackingLifecycleTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    private Task<List<Carton>> CartonsAsync(int waveId, int townId) => app.Factory.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines)
        .Where(c => c.WaveId == waveId && c.TownId == townId).OrderBy(c => c.Number).ToListAsync());

    /// <summary>Planning gives one title of the town 30 more copies, then staff produce the wave's slips again.</summary>
    private async Task GiveThirtyMoreAndProduceAsync(HttpClient staff, int waveId, int townId, AllocatedWave.Line changed)
    {
        await app.Factory.WithDbAsync(async db =>
        {
            var line = await db.AllocationLines.SingleAsync(l => l.WaveId == waveId && l.TownId == townId && l.TitleId == changed.TitleId);
            line.ChangeQuantity(changed.Quantity + 30);
            await db.SaveChangesAsync();
        });
        await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
    }

    [Fact]
    public async Task A_changed_allocation_replaces_the_towns_cartons_in_one_go_and_the_slip_follows()
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app.Factory, 10, new Dictionary<string, int> { ["Rennes"] = 20 });
        var rennes = lines.Keys.Single();
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        var before = await CartonsAsync(waveId, rennes);
        Assert.Equal(120, before.Sum(c => c.Lines.Sum(l => l.Quantity)));
        Assert.Equal(3, before.Count);

        // Planning gives the first title 30 more copies.
        var changed = lines[rennes][0];
        await GiveThirtyMoreAndProduceAsync(staff, waveId, rennes, changed);

        var after = await CartonsAsync(waveId, rennes);
        Assert.Equal(150, after.Sum(c => c.Lines.Sum(l => l.Quantity)));
        Assert.Equal(4, after.Count);
        Assert.All(after, c => Assert.Equal(4, c.Count));
        Assert.Empty(after.Select(c => c.Code).Intersect(before.Select(c => c.Code)));
        Assert.Equal(changed.Quantity + 30, after.SelectMany(c => c.Lines).Where(l => l.TitleId == changed.TitleId).Sum(l => l.Quantity));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Cartons.CountAsync(c => before.Select(b => b.Id).Contains(c.Id))));

        var pdf = await app.Factory.WithDbAsync(db => db.GeneratedDocuments.Where(d => d.WaveId == waveId && d.TownId == rennes).Select(d => d.Content).SingleAsync());
        var cover = PdfReading.PageLines(pdf)[0];
        Assert.Contains("Nombre de cartons 4", cover);
        Assert.Contains("Nombre de livres 150", cover);
        var text = string.Join("\n", PdfReading.PageLines(pdf).SelectMany(p => p));
        Assert.All(after, c => Assert.Contains($"{RealPackingAppFactory.BaseUrl}/Coordinator/Receipt/{c.Code}", text));
        Assert.All(before, c => Assert.DoesNotContain(c.Code, text));
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Carton) && a.Action == "Deleted")));
    }

    [Fact]
    public async Task Making_a_towns_cartons_is_one_audit_entry_with_its_books_per_band_and_codes_and_a_new_set_names_the_codes_it_replaces()
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app.Factory, 19, new Dictionary<string, int> { ["Rennes"] = 20 });
        var rennes = lines.Keys.Single();
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        Task<List<AuditEntry>> CartonEntriesAsync() => app.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.WaveId == waveId && a.EntityType == nameof(Carton)).OrderBy(a => a.Id).ToListAsync());

        await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        var before = await CartonsAsync(waveId, rennes);
        var made = Assert.Single(await CartonEntriesAsync());
        Assert.Equal(AuditActions.CartonsMade, made.Action);
        Assert.Equal(rennes, made.TownId);
        using (var json = System.Text.Json.JsonDocument.Parse(made.Changes))
        {
            var root = json.RootElement;
            Assert.Equal(before.Count, root.GetProperty("Cartons").GetInt32());
            Assert.Equal(lines[rennes].Sum(l => l.Quantity), root.GetProperty("Livres").GetInt32());
            Assert.Equal(before.Select(c => c.Code).Order(), root.GetProperty("Codes").EnumerateArray().Select(c => c.GetString()!).Order());
            var perBand = root.GetProperty("Tranches").EnumerateArray()
                .ToDictionary(b => b.GetProperty("Tranche").GetInt32(), b => b.GetProperty("Livres").GetInt32());
            Assert.Equal(lines[rennes].GroupBy(l => l.AgeBandId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity)), perBand);
            Assert.False(root.TryGetProperty("Remplacent", out _));
        }

        // Produced again with the same allocation: the cartons are kept, nothing is recorded.
        await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        Assert.Single(await CartonEntriesAsync());

        // The allocation changes: one new entry names the new codes and the ones they replace; the old cartons'
        // deletions keep their own entries (with their receipt fields).
        var changed = lines[rennes][0];
        await GiveThirtyMoreAndProduceAsync(staff, waveId, rennes, changed);
        var after = await CartonsAsync(waveId, rennes);
        var entries = await CartonEntriesAsync();
        Assert.Equal(before.Count, entries.Count(a => a.Action == "Deleted"));
        Assert.DoesNotContain(entries, a => a.Action == "Added");
        var remade = entries.Last();
        Assert.Equal(AuditActions.CartonsMade, remade.Action);
        using (var json = System.Text.Json.JsonDocument.Parse(remade.Changes))
        {
            Assert.Equal(after.Select(c => c.Code).Order(), json.RootElement.GetProperty("Codes").EnumerateArray().Select(c => c.GetString()!).Order());
            Assert.Equal(before.Select(c => c.Code).Order(), json.RootElement.GetProperty("Remplacent").EnumerateArray().Select(c => c.GetString()!).Order());
        }

        // The wave's history shows the action in French.
        var history = (await staff.GetDocumentAsync($"/Staff/Waves/Details/{waveId}")).QuerySelector("#historique")!.ParentElement!.TextContent;
        Assert.Contains("cartons faits (carton)", history);
    }

    [Fact]
    public async Task Staff_mark_the_wave_packed_once_every_slip_is_ready_and_it_is_audited()
    {
        var (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 11, new Dictionary<string, int> { ["Grigny"] = 8, ["Bondy"] = 9 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var url = $"/Staff/Packing/{waveId}";
        Assert.Null((await staff.GetDocumentAsync(url)).QuerySelector("form#packed"));

        var ready = await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        var grigny = await AllocatedWave.TownIdAsync(app.Factory, "Grigny");
        Assert.Equal("2 cartons, 52 livres", ready.QuerySelector($"tr[data-town='{grigny}'] td.cartons")!.TextContent.Trim());
        var response = await staff.SubmitFormAsync(ready, new Dictionary<string, string>(), "form#packed");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await staff.GetDocumentAsync(url);
        Assert.Equal("colis prêts", page.QuerySelector("#wave-status")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("form#packed"));
        Assert.Equal(WaveStatus.Packed, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        var audit = await app.Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Wave) && a.EntityId == waveId.ToString() && a.Action == "Modified").OrderBy(a => a.Id).LastAsync());
        Assert.Contains("Status", audit.Changes);
        Assert.Equal(Http.StaffEmail, audit.ActorName);
    }

    [Fact]
    public async Task Marking_packed_before_every_slip_is_ready_is_refused()
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app.Factory, 12, new Dictionary<string, int> { ["Trappes"] = 4 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync($"/Staff/Packing/{waveId}");
        // The button is not shown; a forged post with the page's token is refused with a French message.
        var token = Http.AntiforgeryToken(page, "form#produce");
        var response = await staff.PostAsync($"/Staff/Packing/{waveId}/Packed", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tous les bordereaux de la vague ne sont pas prêts", (await Http.ParseAsync(response)).Text());
        Assert.Equal(WaveStatus.Allocated, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        Assert.Single(lines);
    }
}

public class WavePagePackingFailureTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task Wave_page_shows_a_towns_failure_with_its_reason_and_its_retry_button_produces_the_slip()
    {
        var (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 14, new Dictionary<string, int> { ["Port-de-Bouc"] = 3, ["Villiers-le-Bel"] = 4 });
        var portDeBouc = await AllocatedWave.TownIdAsync(app.Factory, "Port-de-Bouc");
        await app.Factory.WithDbAsync(async db =>
        {
            (await db.Towns.SingleAsync(t => t.Id == portDeBouc)).SetDeliveryAddress(DeliveryAddress.Empty);
            await db.SaveChangesAsync();
        });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await staff.SubmitFormAsync($"/Staff/Packing/{waveId}", new Dictionary<string, string>(), "form#produce");

        var url = $"/Staff/Waves/Details/{waveId}";
        var page = await Wait.UntilAsync(() => staff.GetDocumentAsync(url),
            p => p.QuerySelector("#packing-summary[data-progress-finished='true']") is not null);
        Assert.Equal("1 sur 2 villes prêtes, 1 en échec.", page.QuerySelector("#packing-summary-text")!.TextContent.Trim());
        var failure = Assert.Single(page.QuerySelectorAll("#packing-summary .packing-failure"));
        Assert.Contains("Port-de-Bouc", failure.TextContent);
        Assert.Equal("Adresse de livraison manquante pour Port-de-Bouc : complétez la fiche de la ville, puis relancez.",
            failure.QuerySelector(".work-error")!.TextContent.Trim());
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Cartons.CountAsync(c => c.WaveId == waveId && c.TownId == portDeBouc)));

        await app.Factory.WithDbAsync(async db =>
        {
            (await db.Towns.SingleAsync(t => t.Id == portDeBouc)).SetDeliveryAddress(DeliveryAddress.Of(null, "1 quai du Port", "13110", "Port-de-Bouc", null));
            await db.SaveChangesAsync();
        });
        var retry = await staff.SubmitFormAsync(page, new Dictionary<string, string>(), "#packing-summary form.retry");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        page = await Wait.UntilAsync(() => staff.GetDocumentAsync(url),
            p => p.QuerySelector("#packing-summary-text")!.TextContent.Trim() == "2 sur 2 villes prêtes.");
        Assert.Equal("2 sur 2 villes prêtes.", page.QuerySelector("#packing-summary-text")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("#packing-summary .packing-failure"));
        Assert.Equal(1, await app.Factory.WithDbAsync(db => db.GeneratedDocuments.CountAsync(d => d.WaveId == waveId && d.TownId == portDeBouc)));
    }
}

public class PackedWithStaleSlipsTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task A_wave_whose_allocation_changed_after_its_slips_cannot_be_marked_packed()
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app.Factory, 13, new Dictionary<string, int> { ["Chenôve"] = 5, ["Lormont"] = 5 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var ready = await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        var lormont = await AllocatedWave.TownIdAsync(app.Factory, "Lormont");
        await app.Factory.WithDbAsync(async db =>
        {
            var line = await db.AllocationLines.FirstAsync(l => l.WaveId == waveId && l.TownId == lormont);
            line.ChangeQuantity(line.Quantity + 1);
            await db.SaveChangesAsync();
        });

        var response = await staff.SubmitFormAsync(ready, new Dictionary<string, string>(), "form#packed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La dotation a changé depuis les bordereaux de : Lormont.", (await Http.ParseAsync(response)).Text());
        Assert.Equal(WaveStatus.Allocated, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));

        // Produced again, the slips follow the allocation and the wave can be packed.
        var again = await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(again, new Dictionary<string, string>(), "form#packed")).StatusCode);
        Assert.Equal(WaveStatus.Packed, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        Assert.Equal(2, lines.Count);
    }
}

public class RealPackingRestartTests
{
    [Fact]
    public async Task Slips_requested_before_a_restart_are_made_from_the_allocation_after_it()
    {
        using var after = new RealPackingAppFactory(runServer: true);
        int waveId;
        Dictionary<int, List<AllocatedWave.Line>> lines;
        using (var before = new RealPackingAppFactory(runServer: false, sharedDataDirectory: after.DataDirectory))
        {
            await before.SeededAsync();
            (waveId, lines) = await AllocatedWave.CreateAsync(before, 4, new Dictionary<string, int> { ["Lens"] = 12, ["Maubeuge"] = 7 });
            var staff = await before.SignedInClientAsync(Http.StaffEmail);
            var response = await staff.SubmitFormAsync($"/Staff/Packing/{waveId}", new Dictionary<string, string>(), "form#produce");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(2, await before.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Status == WorkStatus.Pending)));
            Assert.Equal(0, await before.WithDbAsync(db => db.Cartons.CountAsync()));
        }

        _ = after.Server;
        var progress = await Wait.UntilAsync(async () =>
        {
            await using var scope = after.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WorkQueue>().ProgressAsync(PackingSlipWork.Group(waveId));
        }, p => p.IsFinished);
        Assert.True(progress.Done == 2, $"{progress.Done} done; {string.Join(" | ", progress.Failures.Select(f => f.Error))}");

        foreach (var (townId, allocated) in lines)
        {
            var total = allocated.Sum(l => l.Quantity);
            var cartons = await after.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines).Where(c => c.WaveId == waveId && c.TownId == townId).ToListAsync());
            Assert.Equal((total + 39) / 40, cartons.Count);
            Assert.Equal(total, cartons.Sum(c => c.Lines.Sum(l => l.Quantity)));
            var pdf = await after.WithDbAsync(db => db.GeneratedDocuments.Where(d => d.WaveId == waveId && d.TownId == townId).Select(d => d.Content).SingleAsync());
            Assert.Contains($"Nombre de livres {total}", PdfReading.PageLines(pdf)[0]);
        }
    }
}

public class ProduceAgainTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task Producing_slips_again_asks_for_a_confirmation_and_a_packed_wave_says_its_cartons_are_frozen()
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app.Factory, 15, new Dictionary<string, int> { ["Grigny"] = 5 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var ready = await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        Assert.Contains("remplace les 1 PDF existants", ready.QuerySelector("form#produce")!.TextContent);
        var workItems = await app.Factory.WithDbAsync(db => db.WorkItems.CountAsync());

        var unconfirmed = await staff.SubmitFormAsync(ready, new Dictionary<string, string>(), "form#produce");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var refused = await Http.ParseAsync(unconfirmed);
        Assert.Contains("Cochez la case pour confirmer", refused.QuerySelector("#error-summary")!.TextContent);
        Assert.Equal("true", refused.QuerySelector("#confirm")!.GetAttribute("aria-invalid"));
        Assert.Equal(workItems, await app.Factory.WithDbAsync(db => db.WorkItems.CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(ready, new Dictionary<string, string>(), "form#packed")).StatusCode);
        var packed = await staff.GetDocumentAsync($"/Staff/Packing/{waveId}");
        Assert.Contains("cartons sont figés", packed.QuerySelector("form#produce #slips-frozen")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await staff.SubmitFormAsync(packed, new Dictionary<string, string>(), "form#produce")).StatusCode);
        Assert.Equal(workItems, await app.Factory.WithDbAsync(db => db.WorkItems.CountAsync()));

        // Confirmed, the same cartons give the same PDF: its hash does not move.
        var grigny = lines.Keys.Single();
        var hash = await app.Factory.WithDbAsync(db => db.GeneratedDocuments.Where(d => d.WaveId == waveId && d.TownId == grigny).Select(d => d.Sha256).SingleAsync());
        await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        Assert.Equal(hash, await app.Factory.WithDbAsync(db => db.GeneratedDocuments.Where(d => d.WaveId == waveId && d.TownId == grigny).Select(d => d.Sha256).SingleAsync()));
    }
}
