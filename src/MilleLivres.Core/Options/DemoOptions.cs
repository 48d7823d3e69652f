namespace MilleLivres.Core.Options;

/// <summary>The "Demo" section: the demonstration data of Development.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>In Development, seed the demo data into an empty database at start.</summary>
    public bool SeedInDevelopment { get; set; } = true;
}
