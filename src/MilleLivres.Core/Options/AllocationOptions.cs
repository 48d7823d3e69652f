using MilleLivres.Core.Allocation;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

/// <summary>The "Allocation" section of appsettings.json.</summary>
public sealed class AllocationOptions
{
    public const string Section = "Allocation";
    public const int MaxAllowedCopiesPerTitle = 100;

    /// <summary>At most this many copies of one title go to one town (diversity first).</summary>
    public int MaxCopiesPerTitle { get; set; } = AllocationSettings.DefaultMaxCopiesPerTitle;
}

public sealed class AllocationOptionsValidator : IValidateOptions<AllocationOptions>
{
    public ValidateOptionsResult Validate(string? name, AllocationOptions options) =>
        options.MaxCopiesPerTitle is < 1 or > AllocationOptions.MaxAllowedCopiesPerTitle
            ? ValidateOptionsResult.Fail(
                $"Allocation:MaxCopiesPerTitle doit être un nombre d'exemplaires entre 1 et {AllocationOptions.MaxAllowedCopiesPerTitle} (valeur actuelle : {options.MaxCopiesPerTitle}).")
            : ValidateOptionsResult.Success;
}
