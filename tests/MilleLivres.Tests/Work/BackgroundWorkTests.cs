using System.Net;
using MilleLivres.Core.Data;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace MilleLivres.Tests.Work;

public class BackgroundWorkTests
{
    private static async Task<(int WaveId, List<int> TownIds)> WaveWithTownsAsync(PackingAppFactory app, int number) =>
        await app.WithDbAsync(async db =>
        {
            var wave = await db.Waves.AsNoTracking().SingleAsync(w => w.Number == number);
            var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == wave.Id).Select(t => t.TownId).OrderBy(t => t).ToListAsync();
            return (wave.Id, towns);
        });

    /// <summary>"Produce the packing slips": one row per town, saved in one transaction, then queued.</summary>
    private static async Task<List<long>> RequestSlipsAsync(PackingAppFactory app, int waveId, IEnumerable<int> townIds)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<WorkQueue>();
        var items = await PackingSlipWork.RequestForWaveAsync(queue, db, waveId, townIds);
        await db.SaveChangesAsync();
        queue.Enqueue(items);
        return items.Select(i => i.Id).ToList();
    }

    private static async Task<bool> RunAsync(PackingAppFactory app, long id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkRunner>().RunAsync(id);
    }

    private static Task<WorkProgress> WaitUntilFinishedAsync(PackingAppFactory app, string group) =>
        Wait.UntilAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WorkQueue>().ProgressAsync(group);
        }, progress => progress.IsFinished);

    [Fact]
    public async Task Work_requested_before_a_restart_is_done_after_it()
    {
        using var after = new PackingAppFactory(runServer: true);
        int waveId;
        List<int> towns;
        using (var before = new PackingAppFactory(runServer: false, sharedDataDirectory: after.DataDirectory))
        {
            await before.SeededAsync();
            (waveId, towns) = await WaveWithTownsAsync(before, 2);
            Assert.NotEmpty(towns);
            await RequestSlipsAsync(before, waveId, towns);
            // Queued in the first host's memory only; it stops without running anything.
            var pending = await before.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Status == WorkStatus.Pending));
            Assert.Equal(towns.Count, pending);
            Assert.Equal(0, await before.WithDbAsync(db => db.GeneratedDocuments.CountAsync()));
        }

        _ = after.Server;
        var progress = await WaitUntilFinishedAsync(after, PackingSlipWork.Group(waveId));
        Assert.True(towns.Count == progress.Done, $"{progress.Done} done of {towns.Count}; failures: {string.Join(" | ", progress.Failures.Select(f => f.Error))}");
        Assert.Equal(0, progress.Failed);

        var documents = await after.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking().OrderBy(d => d.TownId).ToListAsync());
        Assert.Equal(towns, documents.Select(d => d.TownId!.Value));
        var names = await after.WithDbAsync(db => db.Towns.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name));
        foreach (var document in documents)
        {
            Assert.Equal(DocumentStore.Sha256Of(document.Content), document.Sha256);
            using var pdf = PdfDocument.Open(document.Content);
            Assert.Contains(names[document.TownId!.Value], pdf.Information.Title);
            Assert.Contains("Nombre de livres 120", PdfReading.PageTexts(document.Content)[0]);
        }
    }

    [Fact]
    public async Task A_job_run_twice_for_the_same_row_stores_one_pdf()
    {
        using var app = new PackingAppFactory(runServer: false);
        await app.SeededAsync();
        var (waveId, towns) = await WaveWithTownsAsync(app, 1);
        var id = (await RequestSlipsAsync(app, waveId, towns.Take(1))).Single();

        Assert.True(await RunAsync(app, id));
        Assert.False(await RunAsync(app, id));
        var first = await app.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking().SingleAsync());

        // Hangfire delivers again after a crash mid-run: the row is pending again, the job runs again, one PDF remains.
        await app.WithDbAsync(db => db.WorkItems.Where(w => w.Id == id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkStatus.Pending)));
        Assert.True(await RunAsync(app, id));
        var again = await app.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking().SingleAsync());
        Assert.Equal(first.Id, again.Id);
        var row = await app.WithDbAsync(db => db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == id));
        Assert.Equal(WorkStatus.Done, row.Status);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task Two_deliveries_of_the_same_job_at_once_run_it_once()
    {
        using var app = new PackingAppFactory(runServer: false);
        await app.SeededAsync();
        var (waveId, towns) = await WaveWithTownsAsync(app, 1);
        var id = (await RequestSlipsAsync(app, waveId, towns.Take(1))).Single();

        var results = await Task.WhenAll(RunAsync(app, id), RunAsync(app, id));
        Assert.Single(results, r => r);
        Assert.Equal(1, await app.WithDbAsync(db => db.GeneratedDocuments.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.WorkItems.Where(w => w.Id == id).Select(w => w.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task Asking_twice_for_the_same_slips_keeps_one_row_per_town()
    {
        using var app = new PackingAppFactory(runServer: false);
        await app.SeededAsync();
        var (waveId, towns) = await WaveWithTownsAsync(app, 2);
        var first = await RequestSlipsAsync(app, waveId, towns);
        var second = await RequestSlipsAsync(app, waveId, towns);
        Assert.Equal(first, second);
        Assert.Equal(towns.Count, await app.WithDbAsync(db => db.WorkItems.CountAsync()));
    }

    [Fact]
    public async Task A_failed_job_keeps_its_reason_and_a_retry_does_it()
    {
        using var app = new PackingAppFactory(runServer: false);
        await app.SeededAsync();
        var (waveId, towns) = await WaveWithTownsAsync(app, 1);
        var town = towns[0];
        app.FailingTowns.Reasons[town] = "Adresse de livraison manquante pour cette ville.";
        try
        {
            var id = (await RequestSlipsAsync(app, waveId, [town])).Single();
            Assert.False(await RunAsync(app, id));
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var progress = await scope.ServiceProvider.GetRequiredService<WorkQueue>().ProgressAsync(PackingSlipWork.Group(waveId));
                var failure = Assert.Single(progress.Failures);
                Assert.Equal(id, failure.WorkItemId);
                Assert.Equal("Adresse de livraison manquante pour cette ville.", failure.Error);
                Assert.Equal(0, progress.Done);
            }
            Assert.Equal(0, await app.WithDbAsync(db => db.GeneratedDocuments.CountAsync()));

            app.FailingTowns.Reasons.TryRemove(town, out _);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                Assert.True(await scope.ServiceProvider.GetRequiredService<WorkQueue>().RetryAsync(id));
            }
            Assert.True(await RunAsync(app, id));
            var row = await app.WithDbAsync(db => db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == id));
            Assert.Equal(WorkStatus.Done, row.Status);
            Assert.Null(row.LastError);
            Assert.Equal(1, await app.WithDbAsync(db => db.GeneratedDocuments.CountAsync(d => d.TownId == town)));
        }
        finally
        {
            app.FailingTowns.Reasons.TryRemove(town, out _);
        }
    }

    [Fact]
    public async Task Without_allocation_lines_the_real_source_fails_the_job_with_a_french_reason()
    {
        using var app = new MilleLivres.Tests.Infrastructure.AppFactory();
        await app.SeededAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var wave = await db.Waves.AsNoTracking().FirstAsync();
        var town = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == wave.Id).Select(t => t.TownId).FirstAsync();
        var queue = scope.ServiceProvider.GetRequiredService<WorkQueue>();
        var items = await PackingSlipWork.RequestForWaveAsync(queue, db, wave.Id, [town]);
        await db.SaveChangesAsync();
        queue.Enqueue(items);
        // The real job server runs it.
        var row = await Wait.UntilAsync(() => app.WithDbAsync(d => d.WorkItems.AsNoTracking().SingleAsync()),
            r => r.Status is not (WorkStatus.Pending or WorkStatus.Running));
        Assert.Equal(WorkStatus.Failed, row.Status);
        Assert.Contains("dotation de cette ville n'est pas encore disponible", row.LastError);
    }

    [Fact]
    public async Task Asking_again_after_the_slips_are_done_produces_them_again_in_the_same_rows()
    {
        using var app = new PackingAppFactory(runServer: false);
        await app.SeededAsync();
        var (waveId, towns) = await WaveWithTownsAsync(app, 1);
        var id = (await RequestSlipsAsync(app, waveId, towns.Take(1))).Single();
        Assert.True(await RunAsync(app, id));
        var first = await app.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking().SingleAsync());

        Assert.Equal([id], await RequestSlipsAsync(app, waveId, towns.Take(1)));
        Assert.Equal(WorkStatus.Pending, await app.WithDbAsync(db => db.WorkItems.Where(w => w.Id == id).Select(w => w.Status).SingleAsync()));
        Assert.True(await RunAsync(app, id));
        var second = await app.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking().SingleAsync());
        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Sha256, second.Sha256);
    }
}

public class HostIsolationTests
{
    [Fact]
    public async Task A_town_failing_in_one_test_host_does_not_fail_the_same_towns_job_in_another()
    {
        using var failing = new PackingAppFactory(runServer: false);
        using var healthy = new PackingAppFactory(runServer: false);
        await failing.SeededAsync();
        await healthy.SeededAsync();
        // Both hosts hold the same seeded towns, so the same town ids.
        var town = await healthy.WithDbAsync(db => db.WaveTowns.Select(t => t.TownId).FirstAsync());
        var waveId = await healthy.WithDbAsync(db => db.WaveTowns.Where(t => t.TownId == town).Select(t => t.WaveId).FirstAsync());
        failing.FailingTowns.Reasons[town] = "Échec voulu dans l'autre hôte.";

        await using var scope = healthy.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<WorkQueue>();
        var id = (await PackingSlipWork.RequestForWaveAsync(queue, db, waveId, [town])).Single();
        await db.SaveChangesAsync();
        Assert.True(await scope.ServiceProvider.GetRequiredService<WorkRunner>().RunAsync(id.Id));
        Assert.Equal(WorkStatus.Done, (await healthy.WithDbAsync(d => d.WorkItems.AsNoTracking().SingleAsync(w => w.Id == id.Id))).Status);
    }
}
