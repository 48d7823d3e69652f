using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

/// <summary>The "Receipt" section of appsettings.json.</summary>
public sealed class ReceiptOptions
{
    public const string Section = "Receipt";

    /// <summary>How long after first recording a receipt its coordinator may still correct it (staff always may).</summary>
    public int CoordinatorCorrectionDays { get; set; } = 7;
}

public sealed class ReceiptOptionsValidator : IValidateOptions<ReceiptOptions>
{
    public const int MaxCorrectionDays = 365;

    public ValidateOptionsResult Validate(string? name, ReceiptOptions options) =>
        options.CoordinatorCorrectionDays is < 0 or > MaxCorrectionDays
            ? ValidateOptionsResult.Fail(
                $"Receipt:CoordinatorCorrectionDays doit être un nombre de jours entre 0 et {MaxCorrectionDays} (valeur actuelle : {options.CoordinatorCorrectionDays}).")
            : ValidateOptionsResult.Success;
}
