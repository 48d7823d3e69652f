using System.Net;
using MilleLivres.Core.Auditing;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Planning;

/// <summary>The audit trail of a wave's allocation: one entry per business action, found by the wave's indexed column.</summary>
public class AllocationAuditTests
{
    [Fact]
    public async Task Confirm_edit_and_undo_each_leave_one_audit_entry_of_the_wave_shown_in_its_history()
    {
        await using var app = await PlanningApp.StartAsync();
        var bands = await app.BandIdsAsync();
        var (waveId, towns) = await app.NewWaveAsync(10, towns: 2, quota: 12, new Dictionary<int, int> { [bands[0]] = 30 });
        await app.AddTitlesAsync(bands[0], count: 10, copies: 3);
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        Task<List<AuditEntry>> EntriesAsync(string action) => app.Factory.WithDbAsync(db =>
            db.AuditEntries.AsNoTracking().Where(a => a.WaveId == waveId && a.Action == action).ToListAsync());

        var confirmed = await client.SubmitFormAsync($"/Staff/Waves/Plan/{waveId}", new Dictionary<string, string>(), "#confirmer");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var confirmation = Assert.Single(await EntriesAsync(AuditActions.AllocationConfirmed));
        Assert.Equal(("Wave", waveId.ToString()), (confirmation.EntityType, confirmation.EntityId));
        Assert.Contains("\"Livres\":24", confirmation.Changes);
        foreach (var town in towns)
        {
            Assert.Contains($"\"Ville\":{town}", confirmation.Changes);
        }
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "AllocationLine")));
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "WaveTown" && a.WaveId == waveId && a.TownId == towns[0])));
        var details = await client.GetDocumentAsync($"/Staff/Waves/Details/{waveId}");
        Assert.Contains("dotation confirmée", details.QuerySelector("#historique")!.ParentElement!.TextContent);

        var line = await app.Factory.WithDbAsync(db => db.AllocationLines.AsNoTracking().Where(l => l.TownId == towns[0] && l.Quantity == 2).OrderBy(l => l.Id).FirstAsync());
        var edited = await client.SubmitFormAsync($"/Staff/Waves/{waveId}/Allocation/{towns[0]}",
            new Dictionary<string, string> { ["Input.Quantity"] = "1" }, $"form[data-form='quantite-{line.Id}']");

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var edit = Assert.Single(await EntriesAsync(AuditActions.AllocationEdited));
        Assert.Equal(towns[0], edit.TownId);
        Assert.Equal(line.Id.ToString(), edit.EntityId);

        var plan = await client.GetDocumentAsync($"/Staff/Waves/Plan/{waveId}");
        var undone = await client.SubmitFormAsync(plan, new Dictionary<string, string>(), "#annuler");

        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        var undo = Assert.Single(await EntriesAsync(AuditActions.AllocationUndone));
        Assert.Contains($"\"Ville\":{towns[1]}", undo.Changes);
        var history = (await client.GetDocumentAsync($"/Staff/Waves/Details/{waveId}")).QuerySelector("#historique")!.ParentElement!.TextContent;
        Assert.Contains("dotation annulée", history);
        Assert.Contains("dotation modifiée", history);
        await app.AssertLedgerConsistentAsync();
    }
}
