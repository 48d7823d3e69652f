using MilleLivres.Core.Data;
using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Receipt;

/// <summary>
/// A wave allocated (<see cref="AllocatedWave"/>), its slips made by the real job (run here, not queued), marked packed,
/// and, unless told otherwise, dispatched through <see cref="WaveDispatch"/>: its cartons are on their way.
/// </summary>
public static class DispatchedWave
{
    public sealed record Arranged(int WaveId, Dictionary<int, List<AllocatedWave.Line>> Lines)
    {
        public async Task<List<Carton>> CartonsAsync(AppFactory app, int townId) => await app.WithDbAsync(db => db.Cartons.AsNoTracking()
            .Include(c => c.Lines).Where(c => c.WaveId == WaveId && c.TownId == townId).OrderBy(c => c.Number).ToListAsync());
    }

    public static async Task<Arranged> CreateAsync(AppFactory app, int number, IReadOnlyDictionary<string, int> titlesPerTown, bool dispatch = true)
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app, number, titlesPerTown);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var items = await PackingSlipWork.RequestForWaveAsync(services.GetRequiredService<WorkQueue>(), db, waveId, lines.Keys);
        await db.SaveChangesAsync();
        var runner = services.GetRequiredService<WorkRunner>();
        foreach (var item in items)
        {
            Assert.True(await runner.RunAsync(item.Id), await db.WorkItems.Where(w => w.Id == item.Id).Select(w => w.LastError).SingleAsync());
        }
        db.ChangeTracker.Clear();
        var wave = await db.Waves.SingleAsync(w => w.Id == waveId);
        wave.MoveTo(WaveStatus.Packed);
        await db.SaveChangesAsync();
        if (dispatch)
        {
            var dispatcher = services.GetRequiredService<WaveDispatch>();
            var today = dispatcher.Today;
            await dispatcher.DispatchAllReadyAsync(waveId, WaveDispatch.DefaultDetails(today.AddDays(-2)));
        }
        return new Arranged(waveId, lines);
    }
}
