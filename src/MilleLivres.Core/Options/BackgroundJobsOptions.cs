using System.ComponentModel.DataAnnotations;

namespace MilleLivres.Core.Options;

/// <summary>The "BackgroundJobs" section: the job server inside the web app.</summary>
public sealed class BackgroundJobsOptions
{
    public const string Section = "BackgroundJobs";

    /// <summary>Run jobs in this process. Off, work is only recorded (and done at the next start with it on).</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Jobs run side by side; PDF rendering is CPU work, so about one per core.</summary>
    [Range(1, 32, ErrorMessage = "BackgroundJobs:WorkerCount doit être entre 1 et 32.")]
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// How long a running job's claim (its lease) holds without renewal. The instance running it renews it every third
    /// of this while the job runs; at start-up another instance takes back only rows whose lease has run out.
    /// </summary>
    [Range(5, 3600, ErrorMessage = "BackgroundJobs:LeaseSeconds doit être entre 5 et 3600 secondes.")]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>An import preview never committed is deleted after this many hours (the recurring clean-up job).</summary>
    [Range(1, 24 * 30, ErrorMessage = "BackgroundJobs:ImportPreviewHours doit être entre 1 et 720 heures.")]
    public int ImportPreviewHours { get; set; } = 24;

    /// <summary>
    /// How often the job server looks for scheduled jobs that are due (a mail's next attempt, a recurring job):
    /// Hangfire's default, 15 s, is the longest a due retry waits beyond its time.
    /// </summary>
    [Range(1, 300, ErrorMessage = "BackgroundJobs:SchedulePollingSeconds doit être entre 1 et 300 secondes.")]
    public int SchedulePollingSeconds { get; set; } = 15;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
