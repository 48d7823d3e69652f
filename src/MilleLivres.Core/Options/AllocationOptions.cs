using MilleLivres.Core.Allocation;
using System.ComponentModel.DataAnnotations;

namespace MilleLivres.Core.Options;

/// <summary>The "Allocation" section of appsettings.json.</summary>
public sealed class AllocationOptions
{
    public const string Section = "Allocation";
    public const int MaxAllowedCopiesPerTitle = 100;

    /// <summary>At most this many copies of one title go to one town (diversity first).</summary>
    [Range(1, MaxAllowedCopiesPerTitle, ErrorMessage = "Allocation:MaxCopiesPerTitle doit être un nombre d'exemplaires entre {1} et {2}.")]
    public int MaxCopiesPerTitle { get; set; } = AllocationSettings.DefaultMaxCopiesPerTitle;
}
