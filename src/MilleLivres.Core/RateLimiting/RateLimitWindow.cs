namespace MilleLivres.Core.RateLimiting;

/// <summary>
/// How many requests one client made in one fixed window, shared by every instance through the database
/// (ADR 0920). The client is stored as a SHA-256 of its address, never the address itself; rows are deleted once
/// their window is over (<see cref="SharedRateLimit.DeleteEndedAsync"/>).
/// </summary>
public class RateLimitWindow
{
    public const int PolicyMaxLength = 40;
    public const int ClientHashLength = 64;

    private RateLimitWindow()
    {
    }

    internal RateLimitWindow(string policy, string clientHash, DateTime startUtc, DateTime endUtc)
    {
        Policy = policy;
        ClientHash = clientHash;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Count = 1;
    }

    /// <summary>What is limited, e.g. <c>apply</c>: several limits can share the table.</summary>
    public string Policy { get; private set; } = string.Empty;

    public string ClientHash { get; private set; } = string.Empty;

    public DateTime StartUtc { get; private set; }

    /// <summary>When the window is over: the clean-up deletes the row after this.</summary>
    public DateTime EndUtc { get; private set; }

    public int Count { get; private set; }
}
