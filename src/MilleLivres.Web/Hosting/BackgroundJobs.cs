using System.ComponentModel;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using MilleLivres.Core.Work;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Hangfire, in memory, runs the work rows (see <see cref="WorkQueue"/>). The rows in the database are the truth; at
/// start-up <see cref="WorkRecovery"/> queues every unfinished row again, since the in-memory queue died with the process.
/// </summary>
public static class BackgroundJobs
{
    public const string DashboardPath = "/Staff/jobs";

    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services)
    {
        // One storage per host, registered before AddHangfire (which only adds its own if none exists): several hosts
        // in one process (tests) must not share Hangfire's global JobStorage.Current.
        // SQLite (one instance): in memory, the work rows are the truth. PostgreSQL (several instances): Hangfire's
        // PostgreSQL storage in the same database, schema "hangfire", so every instance's server shares the queue (ADR 0900).
        services.AddSingleton<JobStorage>(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.Provider != DatabaseProvider.PostgreSql)
            {
                return new InMemoryStorage(new InMemoryStorageOptions());
            }
            MilleLivres.Core.Data.DatabaseProviders.EnsureInitialized();
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                // A job whose instance died is handed to another after this long (the work rows have their own lease).
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                QueuePollInterval = TimeSpan.FromSeconds(1),
            };
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(database.ResolvedConnectionString, options), options);
        });
        // Likewise one job activator per host: AddHangfire's default is the process-wide JobActivator.Current, set by
        // whichever host was built last, so with two hosts alive one ran the other's jobs in its own database.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddSingleton<IWorkScheduler, HangfireWorkScheduler>();
        services.AddScoped<WorkJob>();
        services.AddScoped<WorkLeaseSweepJob>();
        services.AddScoped<ImportPreviewExpiryJob>();
        // After DatabaseStartup (registered earlier): the tables exist when the rows are read.
        services.AddHostedService<WorkRecovery>();
        var before = services.Count;
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(options.SchedulePollingSeconds);
            server.Activator = sp.GetRequiredService<JobActivator>();
            server.ServerName = $"millelivres-{Environment.MachineName}";
            server.ShutdownTimeout = TimeSpan.FromSeconds(10);
        });
        // Whether the server runs is read from the options when the host starts, not now: settings a test host (or
        // a later configuration source) adds are only there by then.
        var server = services.Skip(before).Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null);
        services.Remove(server);
        services.Add(ServiceDescriptor.Describe(typeof(IHostedService),
            sp => sp.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value.RunServer ? server.ImplementationFactory!(sp) : new NoJobServer(),
            server.Lifetime));
        return services;
    }

    /// <summary>The dashboard, for staff only: the endpoint policy sends anonymous visitors to sign-in and gives others 403;
    /// the dashboard's own filter checks the role again, as Hangfire refuses everyone but local requests without one.</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new StaffDashboardAuthorizationFilter()],
            AsyncAuthorization = [],
            DashboardTitle = "Travaux en arrière-plan — Mille Livres",
            AppPath = "/Staff",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.Staff);
}

public sealed class StaffDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Staff);
    }
}

public sealed class HangfireWorkScheduler(IBackgroundJobClient jobs) : IWorkScheduler
{
    public void Enqueue(long workItemId) => jobs.Enqueue<WorkJob>(job => job.RunAsync(workItemId, CancellationToken.None));
}

/// <summary>The Hangfire job: takes the row id, the runner does the rest. No automatic retry: a failure is recorded on
/// the row with its reason, and staff retry it from the wave page.</summary>
public sealed class WorkJob(WorkRunner runner)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Travail n° {0}")]
    public Task RunAsync(long workItemId, CancellationToken cancellationToken) => runner.RunAsync(workItemId, cancellationToken);
}

/// <summary>Recurring: running rows whose lease ran out go back to pending and are queued (see WorkQueue.ReclaimExpiredAsync).</summary>
public sealed class WorkLeaseSweepJob(WorkQueue queue)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Reprise des travaux dont le bail a expiré")]
    public Task RunAsync(CancellationToken cancellationToken) => queue.ReclaimExpiredAsync(cancellationToken);
}

/// <summary>Recurring: import previews never committed are deleted after BackgroundJobs:ImportPreviewHours.</summary>
public sealed class ImportPreviewExpiryJob(MilleLivres.Core.Stock.ImportPreviewCleanup cleanup)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Suppression des aperçus d'import non validés")]
    public Task<int> RunAsync(CancellationToken cancellationToken) => cleanup.DeleteExpiredAsync(cancellationToken);
}

internal sealed class NoJobServer : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// At start-up: queues the pending rows again and takes back running rows whose lease has run out, then registers the
/// recurring jobs: the lease sweep (a row cut off while this instance runs is taken back within a minute or so of its
/// lease running out) and the expiry of import previews never committed.
/// </summary>
public sealed class WorkRecovery(IServiceProvider services) : IHostedService
{
    public const string LeaseSweepJobId = "work-lease-sweep";
    public const string ImportPreviewExpiryJobId = "import-preview-expiry";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkQueue>().RecoverAsync(cancellationToken);
        var recurring = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<WorkLeaseSweepJob>(LeaseSweepJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<ImportPreviewExpiryJob>(ImportPreviewExpiryJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        recurring.AddOrUpdate<RateLimitCleanupJob>(RateLimitCleanupJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Hangfire's log provider is a process-wide static, set by the last host started. When that host stops, its logger
/// factory is disposed while Hangfire may still log for another host of the same process (the test hosts): drop
/// those messages instead of throwing.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new HostLog(factory, name);

    private sealed class HostLog(ILoggerFactory factory, string name) : Hangfire.Logging.ILog
    {
        private ILogger? _logger;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var level = logLevel switch
                {
                    Hangfire.Logging.LogLevel.Trace => LogLevel.Trace,
                    Hangfire.Logging.LogLevel.Debug => LogLevel.Debug,
                    Hangfire.Logging.LogLevel.Info => LogLevel.Information,
                    Hangfire.Logging.LogLevel.Warn => LogLevel.Warning,
                    Hangfire.Logging.LogLevel.Error => LogLevel.Error,
                    _ => LogLevel.Critical,
                };
                if (messageFunc is null)
                {
                    return _logger.IsEnabled(level);
                }
                _logger.Log(level, 0, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
