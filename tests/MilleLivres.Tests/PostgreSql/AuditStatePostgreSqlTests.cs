using MilleLivres.Core.Data;
using MilleLivres.Core.Reporting;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.PostgreSql;

/// <summary>
/// On PostgreSQL an audit id is drawn at insert and seen at commit, so a transaction can commit after another that drew a
/// higher id: the newest id does not move. Pages and figures kept under the audit state must still change (ADR 0529).
/// </summary>
public class AuditStatePostgreSqlTests(SeededPostgresApp app) : IClassFixture<SeededPostgresApp>
{
    [Fact]
    public async Task An_audited_change_committed_after_a_newer_one_shows_on_the_wave_page_and_moves_the_figures_version()
    {
        var (waveId, _) = await AllocatedWave.CreateAsync(app.Factory, 47, new Dictionary<string, int> { ["Grigny"] = 2 });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var url = $"/Staff/Waves/Details/{waveId}";
        Assert.DoesNotContain("Vague renommée tard", (await staff.GetDocumentAsync(url)).QuerySelector("h1")!.TextContent);

        async Task<string> FiguresVersionAsync()
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<ProgrammeFigures>().ComputeAsync()).Version;
        }

        // A renames the wave: its audit entry draws an id, and A stays open.
        await using var scopeA = app.Factory.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await dbA.Database.BeginTransactionAsync();
        var wave = await dbA.Waves.SingleAsync(w => w.Id == waveId);
        wave.Update(wave.Number, "Vague renommée tard", wave.PlannedDeliveryOn, wave.ActualDeliveryOn, wave.Notes);
        await dbA.SaveChangesAsync();

        // B writes an audit entry with a higher id and commits first.
        await app.Factory.WithDbAsync(async db =>
        {
            db.AddAuditEntry("TestAction", "Test", "B", new { Raison = "commit avant A" });
            await db.SaveChangesAsync();
        });
        var drawnByA = await dbA.AuditEntries.Where(a => a.EntityType == nameof(Core.Domain.Wave) && a.EntityId == waveId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .MaxAsync(a => a.Id);
        var before = await app.Factory.WithDbAsync(db => db.AuditStateAsync());
        Assert.True(before.Newest > drawnByA, "B's entry must carry a higher id than A's for this test to mean anything.");

        // Read while A is open: the page and the figures are kept under this state.
        Assert.DoesNotContain("Vague renommée tard", (await staff.GetDocumentAsync(url)).QuerySelector("h1")!.TextContent);
        var figuresBefore = await FiguresVersionAsync();

        await transaction.CommitAsync();

        var after = await app.Factory.WithDbAsync(db => db.AuditStateAsync());
        Assert.Equal(before.Newest, after.Newest);
        Assert.NotEqual(before, after);
        Assert.Contains("Vague renommée tard", (await staff.GetDocumentAsync(url)).QuerySelector("h1")!.TextContent);
        Assert.NotEqual(figuresBefore, await FiguresVersionAsync());
    }
}
