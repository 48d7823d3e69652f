using System.ComponentModel.DataAnnotations;

namespace MilleLivres.Core.Options;

/// <summary>The "Applications" section of appsettings.json: the public application form and its follow-up.</summary>
public sealed class ApplicationOptions
{
    public const string Section = "Applications";

    /// <summary>Form submissions allowed per client address in one window.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Applications:SubmissionsPerWindow doit être un entier supérieur ou égal à 1.")]
    public int SubmissionsPerWindow { get; set; } = 10;

    /// <summary>Length of the rate-limit window, in minutes.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Applications:SubmissionWindowMinutes doit être un entier supérieur ou égal à 1.")]
    public int SubmissionWindowMinutes { get; set; } = 60;

    /// <summary>How long a coordinator invitation link stays valid, in days.</summary>
    [Range(1, 90, ErrorMessage = "Applications:InvitationValidityDays doit être compris entre 1 et 90 jours.")]
    public int InvitationValidityDays { get; set; } = 7;
}
