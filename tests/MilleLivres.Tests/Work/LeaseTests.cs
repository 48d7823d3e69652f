using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Storage;
using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using MilleLivres.Core.Stock;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MilleLivres.Tests.Work;

/// <summary>A job kind whose handler waits until the test lets it finish; the gate belongs to one host.</summary>
public sealed class Gate
{
    public const string Kind = "test-gate";

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Runs;
}

public sealed class GateHandler(Gate gate) : IWorkHandler
{
    public string Kind => Gate.Kind;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        Interlocked.Increment(ref gate.Runs);
        await gate.Release.Task.WaitAsync(ct);
    }
}

/// <summary>Messages a host logged, kept by the host's own provider.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new SinkLogger(this);

    public void Dispose()
    {
    }

    private sealed class SinkLogger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Messages.Enqueue(formatter(state, exception));
    }
}

public sealed class LeaseAppFactory(bool runServer, string? sharedDataDirectory = null, IDictionary<string, string?>? settings = null) : AppFactory
{
    public Gate Gate { get; } = new();

    public LogSink Log { get; } = new();

    public string DatabaseDirectory => sharedDataDirectory ?? DataDirectory;

    protected override IDictionary<string, string?> ExtraSettings
    {
        get
        {
            var all = new Dictionary<string, string?>
            {
                ["Database:DataDirectory"] = DatabaseDirectory,
                ["BackgroundJobs:RunServer"] = runServer ? "true" : "false",
                ["BackgroundJobs:LeaseSeconds"] = "6",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }
            return all;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Gate);
            services.AddScoped<IWorkHandler, GateHandler>();
        });
    }

    public async Task<long> RequestAsync(string key)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var item = await scope.ServiceProvider.GetRequiredService<WorkQueue>().RequestAsync(db, Gate.Kind, key, "test-gate", new { });
        await db.SaveChangesAsync();
        return item.Id;
    }

    public async Task<bool> RunAsync(long id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkRunner>().RunAsync(id);
    }

    public Task<WorkItem> RowAsync(long id) => WithDbAsync(db => db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == id));
}

public class LeaseTests
{
    [Fact]
    public async Task Recovery_takes_back_only_running_rows_whose_lease_has_run_out()
    {
        using var app = new LeaseAppFactory(runServer: false);
        await app.SeededAsync();
        var live = await app.RequestAsync("lease:live");
        var dead = await app.RequestAsync("lease:dead");
        var now = DateTime.UtcNow;
        await app.WithDbAsync(async db =>
        {
            await db.WorkItems.Where(w => w.Id == live).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, WorkStatus.Running)
                .SetProperty(w => w.LeaseHolder, "autre-instance")
                .SetProperty(w => w.LeaseExpiresAtUtc, now.AddMinutes(10)));
            await db.WorkItems.Where(w => w.Id == dead).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Status, WorkStatus.Running)
                .SetProperty(w => w.LeaseHolder, "instance-arretee")
                .SetProperty(w => w.LeaseExpiresAtUtc, now.AddMinutes(-1)));
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<WorkQueue>().RecoverAsync());
        }

        var liveRow = await app.RowAsync(live);
        Assert.Equal(WorkStatus.Running, liveRow.Status);
        Assert.Equal("autre-instance", liveRow.LeaseHolder);
        var deadRow = await app.RowAsync(dead);
        Assert.Equal(WorkStatus.Pending, deadRow.Status);
        Assert.Null(deadRow.LeaseHolder);
    }

    [Fact]
    public async Task A_running_job_holds_a_lease_that_is_renewed_until_it_finishes()
    {
        using var app = new LeaseAppFactory(runServer: false);
        await app.SeededAsync();
        var id = await app.RequestAsync("lease:renewed");
        var run = app.RunAsync(id);

        var claimed = await Wait.UntilAsync(() => app.RowAsync(id), r => r.Status == WorkStatus.Running && r.LeaseExpiresAtUtc is not null);
        Assert.Equal(WorkStatus.Running, claimed.Status);
        Assert.Equal(app.Services.GetRequiredService<WorkerInstance>().Name, claimed.LeaseHolder);
        // 6 s leases are renewed every 2 s while the handler runs.
        var renewed = await Wait.UntilAsync(() => app.RowAsync(id), r => r.LeaseExpiresAtUtc > claimed.LeaseExpiresAtUtc);
        Assert.True(renewed.LeaseExpiresAtUtc > claimed.LeaseExpiresAtUtc, "the lease was renewed");

        app.Gate.Release.SetResult();
        Assert.True(await run);
        var done = await app.RowAsync(id);
        Assert.Equal(WorkStatus.Done, done.Status);
        Assert.Null(done.LeaseHolder);
        Assert.Null(done.LeaseExpiresAtUtc);
    }

    [Fact]
    public async Task A_second_instance_starting_on_the_same_database_leaves_the_first_ones_running_job_alone()
    {
        using var first = new LeaseAppFactory(runServer: false);
        await first.SeededAsync();
        var id = await first.RequestAsync("lease:two-instances");
        var run = first.RunAsync(id);
        await Wait.ForAsync(async () => (await first.RowAsync(id)).Status == WorkStatus.Running, "the first instance to claim the job");

        // The second instance starts (its recovery runs) and its job server is on.
        using var second = new LeaseAppFactory(runServer: true, sharedDataDirectory: first.DatabaseDirectory);
        _ = second.Server;
        await using (var scope = second.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkQueue>().RecoverAsync();
            await scope.ServiceProvider.GetRequiredService<WorkQueue>().ReclaimExpiredAsync();
        }
        var row = await first.RowAsync(id);
        Assert.Equal(WorkStatus.Running, row.Status);
        Assert.Equal(first.Services.GetRequiredService<WorkerInstance>().Name, row.LeaseHolder);

        first.Gate.Release.SetResult();
        Assert.True(await run);
        Assert.Equal(1, (await first.RowAsync(id)).Attempts);
        Assert.Equal(0, second.Gate.Runs);
    }

    [Fact]
    public async Task An_instance_that_finds_the_database_locked_waits_with_a_log_line_and_starts_once_it_is_free()
    {
        var folder = Path.Combine(Path.GetTempPath(), "millelivres-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, DatabaseOptions.DefaultFileName);
        await using var holder = new SqliteConnection($"Data Source={file}");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }

        using var app = new LeaseAppFactory(runServer: false, sharedDataDirectory: folder, settings: new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={file};Foreign Keys=True;Default Timeout=1",
        });
        var starting = Task.Run(() => app.Services);
        await Wait.ForAsync(() => Task.FromResult(app.Log.Messages.Any(m => m.Contains("verrouillée par un autre processus", StringComparison.Ordinal))),
            "the start-up to log that the database is locked");
        Assert.False(starting.IsCompleted);

        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }
        await holder.CloseAsync();
        await starting.WaitAsync(Wait.DefaultTimeout);
        Assert.True(await app.WithDbAsync(db => db.AgeBands.AnyAsync()) || await app.WithDbAsync(db => db.Database.CanConnectAsync()));
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}

public class ImportPreviewExpiryTests
{
    [Fact]
    public async Task Previews_older_than_the_limit_are_deleted_and_recent_ones_kept()
    {
        using var app = new MilleLivres.Tests.Applications.ApplicationsFactory();
        _ = app.Services;
        async Task<T> WithCleanupAsync<T>(Func<ImportPreviewCleanup, Task<T>> action)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<ImportPreviewCleanup>());
        }
        var (old, recent) = (new string('a', 64), new string('b', 64));
        await WithCleanupAsync(async c => { await c.SaveAsync(old, "ISBN;Quantité"u8.ToArray()); return true; });
        app.Clock.Advance(TimeSpan.FromHours(2));
        await WithCleanupAsync(async c => { await c.SaveAsync(recent, "ISBN;Quantité"u8.ToArray()); return true; });
        // A file left on disk by a version that kept previews there goes by age too.
        var legacy = Directory.CreateDirectory(ImportPreviewCleanup.LegacyFolderOf(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value));
        var legacyFile = Path.Combine(legacy.FullName, new string('c', 64) + ".csv");
        File.WriteAllText(legacyFile, "ISBN;Quantité");
        File.SetLastWriteTimeUtc(legacyFile, app.Clock.GetUtcNow().UtcDateTime.AddHours(-25));

        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(2, await WithCleanupAsync(c => c.DeleteExpiredAsync()));
        Assert.Null(await WithCleanupAsync(c => c.FindAsync(old)));
        Assert.False(File.Exists(legacyFile));
        Assert.Equal("ISBN;Quantité"u8.ToArray(), await WithCleanupAsync(c => c.FindAsync(recent)));

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await WithCleanupAsync(c => c.DeleteExpiredAsync()));
        Assert.Null(await WithCleanupAsync(c => c.FindAsync(recent)));
    }

    [Fact]
    public async Task The_expiry_and_the_lease_sweep_are_registered_as_recurring_jobs()
    {
        using var app = new AppFactory();
        await app.SeededAsync();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();
        var expiry = Assert.Single(jobs, j => j.Id == WorkRecovery.ImportPreviewExpiryJobId);
        Assert.Equal(Cron.Hourly(), expiry.Cron);
        Assert.Equal(nameof(ImportPreviewExpiryJob), expiry.Job.Type.Name);
        var sweep = Assert.Single(jobs, j => j.Id == WorkRecovery.LeaseSweepJobId);
        Assert.Equal(Cron.Minutely(), sweep.Cron);
        var rateLimit = Assert.Single(jobs, j => j.Id == RateLimitCleanupJob.Id);
        Assert.Equal(Cron.Hourly(), rateLimit.Cron);
    }
}
