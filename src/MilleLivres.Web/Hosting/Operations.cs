using System.ComponentModel;
using Hangfire;
using MilleLivres.Core.Options;
using MilleLivres.Core.PersonalData;
using MilleLivres.Web.Cli;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>The daily backup: the same consistent online copy as the <c>backup</c> verb, then rotation.</summary>
public sealed class BackupJob(IOptions<DatabaseOptions> database, IOptions<BackupOptions> backups, TimeProvider clock, ILogger<BackupJob> logger)
{
    [AutomaticRetry(Attempts = 2)]
    [DisplayName("Sauvegarde de la base")]
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var options = backups.Value;
        if (!options.Enabled)
        {
            throw new InvalidOperationException("Backups:Folder is not set.");
        }
        var folder = Directory.CreateDirectory(Path.GetFullPath(options.Folder!));
        var name = $"{BackupOptions.FilePrefix}{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}{BackupOptions.FileExtension}";
        var target = new FileInfo(Path.Combine(folder.FullName, name));
        await Backup.RunAsync(database.Value, target, ct);
        var deleted = Rotate(folder, options.Keep);
        logger.LogInformation("Sauvegarde écrite : {File} ({Bytes} octets) ; {Deleted} ancienne(s) supprimée(s).", target.Name, target.Length, deleted);
        return target.FullName;
    }

    /// <summary>Keeps the newest <paramref name="keep"/> backups of this app in the folder (by name: the timestamp sorts).</summary>
    public static int Rotate(DirectoryInfo folder, int keep)
    {
        var old = folder.GetFiles($"{BackupOptions.FilePrefix}*{BackupOptions.FileExtension}")
            .OrderByDescending(f => f.Name, StringComparer.Ordinal).Skip(keep).ToList();
        foreach (var file in old)
        {
            file.Delete();
        }
        return old.Count;
    }
}

/// <summary>The daily retention run as a Hangfire job.</summary>
public sealed class RetentionJob(RetentionService retention)
{
    [AutomaticRetry(Attempts = 2)]
    [DisplayName("Anonymisation des données personnelles échues")]
    public Task RunAsync(CancellationToken ct) => retention.RunAsync(ct);
}

/// <summary>
/// Registers the recurring jobs when the host starts. In Development with the demo data, the retention run is not
/// scheduled: the demo's waves are from 2020, so the first run would anonymise the demo coordinators (staff can still
/// run it from the « Données personnelles » page).
/// </summary>
public sealed class RecurringJobsRegistration(
    IServiceProvider services, IOptions<PersonalDataOptions> personalData, IOptions<BackupOptions> backups,
    IOptions<BackgroundJobsOptions> jobs, IOptions<DemoOptions> demo, IHostEnvironment environment, ILogger<RecurringJobsRegistration> logger) : IHostedService
{
    public const string RetentionJobId = "conservation-donnees-personnelles";
    public const string BackupJobId = "sauvegarde";

    /// <summary>Whether the daily retention run is scheduled in this environment (the page says so when it is not).</summary>
    public static bool RetentionScheduled(PersonalDataOptions options, IHostEnvironment environment, DemoOptions demo) =>
        options.RunDaily && !(environment.IsDevelopment() && demo.SeedInDevelopment);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!jobs.Value.RunServer)
        {
            return Task.CompletedTask;
        }
        var manager = new RecurringJobManager(services.GetRequiredService<JobStorage>());
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        if (RetentionScheduled(personalData.Value, environment, demo.Value))
        {
            manager.AddOrUpdate<RetentionJob>(RetentionJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(personalData.Value.DailyRunHourUtc), options);
        }
        else
        {
            manager.RemoveIfExists(RetentionJobId);
            logger.LogInformation("Anonymisation quotidienne non planifiée (PersonalData:RunDaily, ou données de démonstration en développement).");
        }
        if (backups.Value.Enabled)
        {
            manager.AddOrUpdate<BackupJob>(BackupJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(backups.Value.HourUtc), options);
        }
        else
        {
            manager.RemoveIfExists(BackupJobId);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
