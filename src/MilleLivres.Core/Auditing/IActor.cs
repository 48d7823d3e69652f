namespace MilleLivres.Core.Auditing;

/// <summary>Who is acting: the signed-in user on the web, the operator on the command line.</summary>
public interface IActor
{
    string? UserId { get; }
    string Name { get; }
}

public sealed class SystemActor(string name = "système") : IActor
{
    public string? UserId => null;
    public string Name { get; } = name;
}
