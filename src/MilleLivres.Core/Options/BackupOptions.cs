using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

/// <summary>The "Backups" section: the recurring online backup and how many copies are kept.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backups";
    public const string FilePrefix = "millelivres-";
    public const string FileExtension = ".db";

    /// <summary>Folder of the daily copies; empty = no recurring backup. Relative to the working directory.</summary>
    public string? Folder { get; set; }

    /// <summary>How many copies are kept; older ones are deleted after each new one.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>Hour of the daily backup, UTC.</summary>
    public int HourUtc { get; set; } = 2;

    public bool Enabled => !string.IsNullOrWhiteSpace(Folder);
}

public sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var failures = new List<string>();
        if (options.Keep is < 1 or > 1000)
        {
            failures.Add($"Backups:Keep doit être entre 1 et 1000 (valeur actuelle : {options.Keep}).");
        }
        if (options.HourUtc is < 0 or > 23)
        {
            failures.Add($"Backups:HourUtc doit être une heure entre 0 et 23 (valeur actuelle : {options.HourUtc}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
