namespace MilleLivres.Core.Domain;

/// <summary>Entities whose every insert, update and delete is written to the audit trail.</summary>
public interface IAudited
{
}
