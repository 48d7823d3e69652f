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
}

public sealed class ReportingOptionsValidator : IValidateOptions<ReportingOptions>
{
    public const int MaxOnTimeDays = 365;

    public ValidateOptionsResult Validate(string? name, ReportingOptions options) =>
        options.OnTimeDays is < 1 or > MaxOnTimeDays
            ? ValidateOptionsResult.Fail(
                $"Reporting:OnTimeDays doit être un nombre de jours entre 1 et {MaxOnTimeDays} (valeur actuelle : {options.OnTimeDays}).")
            : ValidateOptionsResult.Success;
}
