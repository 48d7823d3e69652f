using System.Net;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Integrity;

/// <summary>Undoing an allocation whose slips and cartons were already made (issue 9, point 4).</summary>
public class UndoAfterPackingTests(SeededRealPackingApp app) : IClassFixture<SeededRealPackingApp>
{
    [Fact]
    public async Task Undoing_an_allocation_after_its_slips_removes_cartons_and_slips_and_coordinators_no_longer_see_them()
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app.Factory, 12, new Dictionary<string, int> { ["Lens"] = 12 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        var codes = await app.Factory.WithDbAsync(db => db.Cartons.Where(c => c.WaveId == waveId).Select(c => c.Code).ToListAsync());
        Assert.NotEmpty(codes);
        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Contains(CartonCode.Display(codes[0]), (await lens.GetDocumentAsync("/Coordinator/Delivery")).Text());
        await lens.GetDocumentAsync($"/Coordinator/Receipt/{codes[0]}");

        var undo = await staff.SubmitFormAsync($"/Staff/Waves/Plan/{waveId}", new Dictionary<string, string>(), "#annuler");

        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        var plan = await staff.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        Assert.Contains($"Les {codes.Count} carton(s) et 1 bordereau(x) faits pour cette dotation ont été supprimés.", plan.Text());
        Assert.Equal(WaveStatus.Planning, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Cartons.CountAsync(c => c.WaveId == waveId)));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.GeneratedDocuments.CountAsync(d => d.WaveId == waveId)));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Group == PackingSlipWork.Group(waveId))));
        var titleIds = lines.Values.SelectMany(l => l).Select(l => l.TitleId).ToList();
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Titles.Where(t => titleIds.Contains(t.Id)).SumAsync(t => t.Reserved)));
        Assert.DoesNotContain(CartonCode.Display(codes[0]), (await lens.GetDocumentAsync("/Coordinator/Delivery")).Text());
        await lens.GetDocumentAsync($"/Coordinator/Receipt/{codes[0]}", HttpStatusCode.NotFound);
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Carton) && a.Action == "Deleted")));
    }

    [Fact]
    public async Task Marking_a_wave_packed_twice_at_once_moves_it_once_and_both_posts_show_the_outcome()
    {
        var (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 14, new Dictionary<string, int> { ["Boulogne-sur-Mer"] = 4 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);

        var responses = await DoubleSubmitTests.PostTwiceAtOnceAsync(staff, page, new Dictionary<string, string>(), "form#packed");

        DoubleSubmitTests.AssertSameRedirect(responses, $"/Staff/Packing/{waveId}");
        Assert.Equal(WaveStatus.Packed, await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Status).SingleAsync()));
        var key = waveId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // One audited change to "allocated" when arranged, one to "packed": not two.
        Assert.Equal(2, await app.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Wave) && a.EntityId == key && a.Action == "Modified")));
        Assert.Contains("est marquée « colis prêts »", (await staff.GetDocumentAsync($"/Staff/Packing/{waveId}")).Text());
    }

    [Fact]
    public async Task Coordinators_never_see_cartons_of_a_wave_whose_allocation_is_not_confirmed()
    {
        // Cartons left behind for a wave in planning (an older database, or a job that finished late).
        var (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 13, new Dictionary<string, int> { ["Lens"] = 3 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await RealPackingSlipTests.ProduceAndWaitAsync(app.Factory, staff, waveId);
        var code = await app.Factory.WithDbAsync(db => db.Cartons.Where(c => c.WaveId == waveId).Select(c => c.Code).FirstAsync());
        var slip = await app.Factory.WithDbAsync(db => db.GeneratedDocuments.Where(d => d.WaveId == waveId).Select(d => d.Id).SingleAsync());
        await app.Factory.WithDbAsync(async db =>
        {
            // Back to planning without the undo's clean-up, as if the cartons had been left behind.
            var wave = await db.Waves.SingleAsync(w => w.Id == waveId);
            wave.MoveTo(WaveStatus.Planning);
            await db.SaveChangesAsync();
        });

        var lens = await app.Factory.SignedInClientAsync(Http.LensEmail);
        await lens.GetDocumentAsync($"/Coordinator/Receipt/{code}", HttpStatusCode.NotFound);
        var download = await lens.GetAsync($"/Coordinator/Documents/Download/{slip}");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.DoesNotContain(CartonCode.Display(code), (await lens.GetDocumentAsync("/Coordinator/Delivery")).Text());
    }
}

/// <summary>Wave-state rules as named properties; typed refusals instead of message text (issue 11, point 2).</summary>
public class WaveRulesAndTypedErrorsTests
{
    [Theory]
    [InlineData(WaveStatus.Planning, true, false, false, false)]
    [InlineData(WaveStatus.Allocated, false, true, true, false)]
    [InlineData(WaveStatus.Packed, false, true, false, true)]
    [InlineData(WaveStatus.Dispatched, false, true, false, true)]
    public void Each_wave_state_says_what_it_allows(WaveStatus status, bool planning, bool slips, bool editable, bool frozen)
    {
        var wave = new Wave(9, "Vague 9");
        var path = new[] { WaveStatus.Allocated, WaveStatus.Packed, WaveStatus.Dispatched };
        foreach (var step in path.TakeWhile(s => s <= status))
        {
            wave.MoveTo(step);
        }
        Assert.Equal(planning, wave.IsPlanning);
        Assert.Equal(slips, wave.CanProduceSlips);
        Assert.Equal(editable, wave.AllocationEditable);
        Assert.Equal(frozen, wave.CartonsFrozen);
        if (!slips)
        {
            var e = Assert.Throws<DomainException>(wave.EnsureSlipsCanBeProduced);
            Assert.Contains("les bordereaux ne peuvent être produits qu'une fois les dotations réservées", e.Message);
        }
    }
}
