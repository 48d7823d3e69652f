using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

/// <summary>The "Applications" section of appsettings.json: the public application form and its follow-up.</summary>
public sealed class ApplicationOptions
{
    public const string Section = "Applications";

    /// <summary>Form submissions allowed per client address in one window.</summary>
    public int SubmissionsPerWindow { get; set; } = 10;

    /// <summary>Length of the rate-limit window, in minutes.</summary>
    public int SubmissionWindowMinutes { get; set; } = 60;

    /// <summary>How long a coordinator invitation link stays valid, in days.</summary>
    public int InvitationValidityDays { get; set; } = 7;
}

public sealed class ApplicationOptionsValidator : IValidateOptions<ApplicationOptions>
{
    public ValidateOptionsResult Validate(string? name, ApplicationOptions options)
    {
        var failures = new List<string>();
        if (options.SubmissionsPerWindow < 1)
        {
            failures.Add("Applications:SubmissionsPerWindow doit être un entier supérieur ou égal à 1.");
        }
        if (options.SubmissionWindowMinutes < 1)
        {
            failures.Add("Applications:SubmissionWindowMinutes doit être un entier supérieur ou égal à 1.");
        }
        if (options.InvitationValidityDays is < 1 or > 90)
        {
            failures.Add("Applications:InvitationValidityDays doit être compris entre 1 et 90 jours.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
