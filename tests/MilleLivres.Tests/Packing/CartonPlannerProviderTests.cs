using System.Text.Json;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Packing;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Packing;

/// <summary>
/// The planner's set-based writes (the cartons and their lines by INSERT … SELECT over JSON, ADR 0527) on both
/// databases: the cartons hold the allocation exactly, the business action is one audit entry, and a changed
/// allocation replaces the set in one transaction.
/// </summary>
public class CartonPlannerProviderTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Cartons_are_written_set_based_with_their_lines_and_one_audit_entry_then_replaced_when_the_allocation_changes(TestProvider provider)
    {
        await using var factory = await (await TestProviders.FactoryAsync(provider)).SeededAsync();
        // 90 titles: several cartons, so each line must find its own carton by number.
        var (waveId, allocated) = await AllocatedWave.CreateAsync(factory, 40, new Dictionary<string, int> { ["Rennes"] = 90 });
        var rennes = allocated.Keys.Single();
        var wanted = allocated[rennes].ToDictionary(l => (l.TitleId, l.AgeBandId), l => l.Quantity);

        var first = await EnsureAsync(factory, waveId, rennes);
        Assert.True(first.Count >= 3);
        Assert.All(first, c => Assert.Equal(first.Count, c.Count));
        Assert.Equal(Enumerable.Range(1, first.Count), first.Select(c => c.Number));
        Assert.Equal(first.Count, first.Select(c => c.Code).Distinct().Count());
        Assert.All(first, c => Assert.InRange(c.Lines.Sum(l => l.Quantity), 1, 40));
        Assert.Equal(wanted, Packed(first));
        var entry = Assert.Single(await EntriesAsync(factory, waveId));
        Assert.Equal((AuditActions.CartonsMade, (int?)rennes), (entry.Action, entry.TownId));

        // Asked again with the same allocation: the same cartons, nothing written.
        var again = await EnsureAsync(factory, waveId, rennes);
        Assert.Equal(first.Select(c => (c.Id, c.Code)), again.Select(c => (c.Id, c.Code)));
        Assert.Single(await EntriesAsync(factory, waveId));

        var changed = allocated[rennes][0];
        await factory.WithDbAsync(async db =>
        {
            var line = await db.AllocationLines.SingleAsync(l => l.WaveId == waveId && l.TownId == rennes && l.TitleId == changed.TitleId);
            line.ChangeQuantity(changed.Quantity + 45);
            await db.SaveChangesAsync();
        });
        wanted[(changed.TitleId, changed.AgeBandId)] += 45;

        var second = await EnsureAsync(factory, waveId, rennes);
        Assert.Equal(wanted, Packed(second));
        Assert.Empty(second.Select(c => c.Code).Intersect(first.Select(c => c.Code)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.CartonLines.CountAsync(l => first.Select(c => c.Id).Contains(l.CartonId))));
        var entries = await EntriesAsync(factory, waveId);
        Assert.Equal(first.Count, entries.Count(a => a.Action == "Deleted"));
        using var json = JsonDocument.Parse(entries[^1].Changes);
        Assert.Equal(AuditActions.CartonsMade, entries[^1].Action);
        Assert.Equal(second.Count, json.RootElement.GetProperty("Cartons").GetInt32());
        Assert.Equal(wanted.Values.Sum(), json.RootElement.GetProperty("Livres").GetInt32());
        Assert.Equal(first.Select(c => c.Code).Order(), json.RootElement.GetProperty("Remplacent").EnumerateArray().Select(c => c.GetString()!).Order());
    }

    private static async Task<IReadOnlyList<Carton>> EnsureAsync(AppFactory factory, int waveId, int townId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CartonPlanner>().EnsureAsync(waveId, townId);
    }

    private static Dictionary<(int TitleId, int AgeBandId), int> Packed(IEnumerable<Carton> cartons) =>
        cartons.SelectMany(c => c.Lines).GroupBy(l => (l.TitleId, l.AgeBandId)).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));

    private static Task<List<AuditEntry>> EntriesAsync(AppFactory factory, int waveId) => factory.WithDbAsync(db =>
        db.AuditEntries.AsNoTracking().Where(a => a.WaveId == waveId && a.EntityType == nameof(Carton)).OrderBy(a => a.Id).ToListAsync());
}
