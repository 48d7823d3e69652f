using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using MilleLivres.Tests.Dispatch;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Distribution;

/// <summary>
/// A wave packed by the real jobs, dispatched through <see cref="WaveDispatch"/> five days ago, and received through
/// <see cref="CartonReceipts"/> three days ago: every carton of each town is confirmed, except that the second carton
/// (when there is one) reports two copies of its first line missing, and the third (when there is one) stays
/// awaited unless <paramref name="receiveAll"/>.
/// </summary>
public static class DeliveredWave
{
    public sealed record Arranged(int WaveId, Dictionary<int, List<AllocatedWave.Line>> Lines, DateOnly DispatchedOn, DateOnly ReceivedOn);

    public const int MissingCopies = 2;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<Arranged> CreateAsync(AppFactory app, HttpClient staff, int number, IReadOnlyDictionary<string, int> titlesPerTown, bool receiveAll = false)
    {
        var (waveId, lines) = await PackedWave.CreateAsync(app, staff, number, titlesPerTown);
        return await DispatchAndReceiveAsync(app, waveId, lines, receiveAll);
    }

    /// <summary>
    /// The same without an HTTP client (a host on a real Kestrel port): the slips are asked for through the work
    /// queue, the real jobs make them, and the wave is marked « colis prêts » once every slip is stored.
    /// </summary>
    public static async Task<Arranged> CreateThroughJobsAsync(AppFactory app, int number, IReadOnlyDictionary<string, int> titlesPerTown, bool receiveAll = false)
    {
        var (waveId, lines) = await AllocatedWave.CreateAsync(app, number, titlesPerTown);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>();
            var items = await PackingSlipWork.RequestForWaveAsync(scope.ServiceProvider.GetRequiredService<Core.Work.WorkQueue>(), db, waveId, lines.Keys);
            await db.SaveChangesAsync();
            var scheduler = scope.ServiceProvider.GetRequiredService<Core.Work.IWorkScheduler>();
            items.Select(i => i.Id).ToList().ForEach(scheduler.Enqueue);
        }
        await Wait.ForAsync(async () => await app.WithDbAsync(db => db.GeneratedDocuments
            .CountAsync(d => d.WaveId == waveId && d.Kind == PackingSlipWork.DocumentKind)) >= lines.Count, "the packing slips");
        await app.WithDbAsync(async db =>
        {
            var wave = await db.Waves.SingleAsync(w => w.Id == waveId);
            wave.MoveTo(Core.Domain.WaveStatus.Packed);
            await db.SaveChangesAsync();
        });
        return await DispatchAndReceiveAsync(app, waveId, lines, receiveAll);
    }

    private static async Task<Arranged> DispatchAndReceiveAsync(AppFactory app, int waveId, Dictionary<int, List<AllocatedWave.Line>> lines, bool receiveAll)
    {
        var dispatchedOn = Today.AddDays(-5);
        var receivedOn = Today.AddDays(-3);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WaveDispatch>()
                .DispatchAllReadyAsync(waveId, new DispatchDetails(dispatchedOn, dispatchedOn.AddDays(2), null, null));
        }
        var cartons = await app.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines)
            .Where(c => c.WaveId == waveId).OrderBy(c => c.TownId).ThenBy(c => c.Number).ToListAsync());
        var staffUser = new ReceiptUser(null, IsStaff: true);
        foreach (var carton in cartons)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var receipts = scope.ServiceProvider.GetRequiredService<CartonReceipts>();
            if (carton.Number == 2)
            {
                var line = carton.Lines.OrderBy(l => l.Id).First(l => l.Quantity >= MissingCopies);
                await receipts.ReportDifferencesAsync(staffUser, carton.Code, receivedOn,
                    [new DifferenceInput(line.Id, MissingCopies, DifferenceReason.Missing, null)]);
            }
            else if (carton.Number != 3 || receiveAll)
            {
                await receipts.ConfirmAsync(staffUser, carton.Code, receivedOn);
            }
        }
        return new Arranged(waveId, lines, dispatchedOn, receivedOn);
    }

    /// <summary>Received per band computed by hand from the cartons: lines of received cartons minus their differences.</summary>
    public static Task<Dictionary<int, int>> ReceivedByHandAsync(AppFactory app, int waveId, int townId) => app.WithDbAsync(async db =>
    {
        var cartons = await db.Cartons.AsNoTracking().Include(c => c.Lines).Include(c => c.Differences)
            .Where(c => c.WaveId == waveId && c.TownId == townId).ToListAsync();
        var result = new Dictionary<int, int>();
        foreach (var c in cartons.Where(c => c.ReceiptState is CartonReceiptState.Conforming or CartonReceiptState.WithDifferences))
        {
            foreach (var l in c.Lines)
            {
                result[l.AgeBandId] = result.GetValueOrDefault(l.AgeBandId) + l.Quantity;
            }
            foreach (var d in c.Differences)
            {
                result[d.AgeBandId] -= d.Quantity;
            }
        }
        return result;
    });

    /// <summary>Calls a distributions service in its own scope (as one request would).</summary>
    public static async Task<T> WithDistributionsAsync<T>(AppFactory app, Func<Distributions, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<Distributions>());
    }

    public static string NewKey() => Guid.NewGuid().ToString("N");
}
