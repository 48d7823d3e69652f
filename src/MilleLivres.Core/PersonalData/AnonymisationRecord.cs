using MilleLivres.Core.Domain;

namespace MilleLivres.Core.PersonalData;

public enum AnonymisationKind
{
    /// <summary>The retention job: what passed its retention period.</summary>
    Retention = 0,
    /// <summary>A person asked for their data to be erased.</summary>
    Erasure = 1,
}

/// <summary>
/// What one anonymisation did: counts, never the data. Audited, so who ran an erasure (and why) is in the trail.
/// </summary>
public class AnonymisationRecord : IAudited
{
    public const int ReasonMaxLength = 500;

    private AnonymisationRecord()
    {
    }

    public AnonymisationRecord(AnonymisationKind kind, DateTime atUtc, string? reason, AnonymisationCounts counts)
    {
        Kind = kind;
        AtUtc = atUtc;
        Reason = reason;
        Applications = counts.Applications;
        TownContacts = counts.TownContacts;
        Accounts = counts.Accounts;
        Invitations = counts.Invitations;
        Mails = counts.Mails;
        AuditEntries = counts.AuditEntries;
    }

    public long Id { get; private set; }
    public AnonymisationKind Kind { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Reason { get; private set; }
    public int Applications { get; private set; }
    public int TownContacts { get; private set; }
    public int Accounts { get; private set; }
    public int Invitations { get; private set; }
    public int Mails { get; private set; }
    public int AuditEntries { get; private set; }

    public int Total => Applications + TownContacts + Accounts + Invitations + Mails;
}

public sealed record AnonymisationCounts(int Applications, int TownContacts, int Accounts, int Invitations, int Mails, int AuditEntries)
{
    public static AnonymisationCounts None { get; } = new(0, 0, 0, 0, 0, 0);
}
