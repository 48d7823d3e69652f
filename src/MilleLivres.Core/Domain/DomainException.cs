namespace MilleLivres.Core.Domain;

/// <summary>
/// A broken business rule. <see cref="Exception.Message"/> is French and shown to the user as is;
/// <see cref="Field"/> names the input the message belongs to, when there is one.
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
