using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

/// <summary>The "Reporting" section of appsettings.json (ADR 0800).</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>
    /// A town reports on time when it confirmed receipt and recorded its first distribution row within this many days
    /// of its delivery (the first carton recorded as arrived).
    /// </summary>
    public int OnTimeDays { get; set; } = 30;

    /// <summary>How long the public figures page keeps its figures in memory before computing them again (ADR 0821).</summary>
    public int PublicCacheSeconds { get; set; } = 60;
}

public sealed class ReportingOptionsValidator : IValidateOptions<ReportingOptions>
{
    public const int MaxOnTimeDays = 365;
    public const int MaxPublicCacheSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, ReportingOptions options)
    {
        if (options.OnTimeDays is < 1 or > MaxOnTimeDays)
        {
            return ValidateOptionsResult.Fail(
                $"Reporting:OnTimeDays doit être un nombre de jours entre 1 et {MaxOnTimeDays} (valeur actuelle : {options.OnTimeDays}).");
        }
        if (options.PublicCacheSeconds is < 1 or > MaxPublicCacheSeconds)
        {
            return ValidateOptionsResult.Fail(
                $"Reporting:PublicCacheSeconds doit être un nombre de secondes entre 1 et {MaxPublicCacheSeconds} (valeur actuelle : {options.PublicCacheSeconds}).");
        }
        return ValidateOptionsResult.Success;
    }
}
