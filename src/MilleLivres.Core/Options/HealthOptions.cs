namespace MilleLivres.Core.Options;

/// <summary>The "Health" section: thresholds of <c>/health/ready</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    public long MinFreeDiskMegabytes { get; set; } = 500;
    public int MaxPendingMailMinutes { get; set; } = 60;
    public int MaxPendingWorkMinutes { get; set; } = 30;
}
