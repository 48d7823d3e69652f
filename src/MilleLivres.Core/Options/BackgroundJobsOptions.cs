using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

/// <summary>The "BackgroundJobs" section: the job server inside the web app.</summary>
public sealed class BackgroundJobsOptions
{
    public const string Section = "BackgroundJobs";

    /// <summary>Run jobs in this process. Off, work is only recorded (and done at the next start with it on).</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Jobs run side by side; PDF rendering is CPU work, so about one per core.</summary>
    public int WorkerCount { get; set; } = 2;
}

public sealed class BackgroundJobsOptionsValidator : IValidateOptions<BackgroundJobsOptions>
{
    public ValidateOptionsResult Validate(string? name, BackgroundJobsOptions options) =>
        options.WorkerCount is < 1 or > 32
            ? ValidateOptionsResult.Fail($"BackgroundJobs:WorkerCount doit être entre 1 et 32 (valeur actuelle : {options.WorkerCount}).")
            : ValidateOptionsResult.Success;
}
