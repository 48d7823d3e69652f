using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.PersonalData;

public enum RetentionSubject
{
    Application,
    TownContacts,
    Account,
    Mails,
}

/// <summary>One thing the retention job will anonymise, and from when. <see cref="Label"/> names no person.</summary>
public sealed record RetentionDue(RetentionSubject Subject, string Id, string Label, DateOnly DueOn, string Rule);

/// <summary>
/// Applies the retention periods promised on the public form (see <see cref="PersonalDataOptions"/>). Safe to run
/// twice: what is anonymised is not due any more.
/// </summary>
public sealed class RetentionService(AppDbContext db, Anonymiser anonymiser, TimeProvider clock, IOptions<PersonalDataOptions> options, ILogger<RetentionService> logger)
{
    private PersonalDataOptions Options => options.Value;

    /// <summary>Everything due on or before <paramref name="asOfUtc"/>, with the date it became (or becomes) due.</summary>
    public async Task<IReadOnlyList<RetentionDue>> DueAsync(DateTime asOfUtc, CancellationToken ct = default)
    {
        var day = DateOnly.FromDateTime(asOfUtc);
        var due = new List<RetentionDue>();

        var applications = await db.TownApplications.AsNoTracking()
            .Where(a => a.AnonymisedAtUtc == null && (a.Status == ApplicationStatus.Declined || a.Status == ApplicationStatus.Accepted))
            .Select(a => new { a.Id, a.TownName, a.Status, a.DecidedAtUtc, Wave = a.Wave == null ? null : new { a.Wave.Number, a.Wave.Status, a.Wave.ActualDeliveryOn, a.Wave.PlannedDeliveryOn } })
            .ToListAsync(ct);
        foreach (var a in applications)
        {
            DateOnly? dueOn = null;
            string rule;
            if (a.Status == ApplicationStatus.Declined && a.DecidedAtUtc is { } decided)
            {
                dueOn = DateOnly.FromDateTime(decided).AddMonths(Options.DeclinedApplicationMonths);
                rule = $"{Options.DeclinedApplicationMonths} mois après le refus";
            }
            else
            {
                var end = a.Wave is { Status: >= WaveStatus.Delivered } w ? w.ActualDeliveryOn ?? w.PlannedDeliveryOn : null;
                dueOn = end?.AddMonths(Options.AcceptedApplicationMonths);
                rule = $"{Options.AcceptedApplicationMonths} mois après la fin de la livraison de la vague {a.Wave?.Number}";
            }
            if (dueOn is { } d && d <= day)
            {
                due.Add(new RetentionDue(RetentionSubject.Application, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"Candidature n° {a.Id} ({a.TownName})", d, rule));
            }
        }

        var townsDue = await TownsDueAsync(day, ct);
        var townIds = townsDue.Keys.ToList();
        var towns = await db.Towns.AsNoTracking().Where(t => townIds.Contains(t.Id)).ToListAsync(ct);
        var invitationTownIds = await db.CoordinatorInvitations.AsNoTracking()
            .Where(i => townIds.Contains(i.TownId) && i.Email != Anonymised.Text).Select(i => i.TownId).Distinct().ToListAsync(ct);
        foreach (var town in towns.Where(t => t.HasPersonalContacts || invitationTownIds.Contains(t.Id)).OrderBy(t => t.Name))
        {
            due.Add(new RetentionDue(RetentionSubject.TownContacts, town.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Contacts de {town.Name}", townsDue[town.Id], $"{Options.ClosedTownContactMonths} mois après la dernière livraison, vagues closes"));
        }
        foreach (var account in await AccountsDueAsync(townsDue, ct))
        {
            due.Add(new RetentionDue(RetentionSubject.Account, account.UserId, $"Compte de coordination de {account.Towns}", account.DueOn,
                "toutes ses villes ont passé la durée de conservation"));
        }

        var mailLimit = MailLimit(asOfUtc);
        var mails = await db.OutboxEmails.AsNoTracking()
            .Where(m => m.Status == OutboxEmailStatus.Sent && m.SentAtUtc != null && m.SentAtUtc <= mailLimit && m.Recipient != Anonymised.Text)
            .Select(m => m.SentAtUtc!.Value).ToListAsync(ct);
        if (mails.Count > 0)
        {
            due.Add(new RetentionDue(RetentionSubject.Mails, "mails", $"{mails.Count} courriel(s) envoyé(s)",
                DateOnly.FromDateTime(mails.Min()).AddMonths(Options.SentMailMonths), $"{Options.SentMailMonths} mois après l'envoi"));
        }
        return due.OrderBy(d => d.DueOn).ThenBy(d => d.Label, StringComparer.Ordinal).ToList();
    }

    private DateTime MailLimit(DateTime asOfUtc) => asOfUtc.AddMonths(-Options.SentMailMonths);

    /// <summary>Towns whose waves are all closed, the last delivery known and past the period: town id → due date.</summary>
    private async Task<Dictionary<int, DateOnly>> TownsDueAsync(DateOnly day, CancellationToken ct)
    {
        var memberships = await db.WaveTowns.AsNoTracking()
            .Select(wt => new { wt.TownId, wt.Wave.Status, wt.Wave.Number, wt.Wave.ActualDeliveryOn, wt.Wave.PlannedDeliveryOn })
            .ToListAsync(ct);
        var result = new Dictionary<int, DateOnly>();
        foreach (var town in memberships.GroupBy(m => m.TownId))
        {
            if (town.Any(m => m.Status != WaveStatus.Closed))
            {
                continue;
            }
            var last = town.OrderByDescending(m => m.Number).First();
            // A closed wave without any delivery date: nothing tells when retention starts, so nothing is done (the page says so).
            if ((last.ActualDeliveryOn ?? last.PlannedDeliveryOn) is not { } end)
            {
                continue;
            }
            var dueOn = end.AddMonths(Options.ClosedTownContactMonths);
            if (dueOn <= day)
            {
                result[town.Key] = dueOn;
            }
        }
        return result;
    }

    private sealed record AccountDue(string UserId, string Towns, DateOnly DueOn);

    /// <summary>Coordinator accounts (never staff) all of whose towns are due.</summary>
    private async Task<IReadOnlyList<AccountDue>> AccountsDueAsync(Dictionary<int, DateOnly> townsDue, CancellationToken ct)
    {
        var staffIds = db.UserRoles.Where(r => db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Staff)).Select(r => r.UserId);
        var links = await db.CoordinatorTowns.AsNoTracking()
            .Where(c => c.User.AnonymisedAtUtc == null && !staffIds.Contains(c.UserId))
            .Select(c => new { c.UserId, c.TownId, c.Town.Name })
            .ToListAsync(ct);
        return links.GroupBy(l => l.UserId)
            .Where(g => g.All(l => townsDue.ContainsKey(l.TownId)))
            .Select(g => new AccountDue(g.Key, string.Join(", ", g.Select(l => l.Name).Order(StringComparer.Ordinal)), g.Max(l => townsDue[l.TownId])))
            .ToList();
    }

    /// <summary>Anonymises everything due now, in one transaction, and records the counts.</summary>
    public async Task<AnonymisationRecord> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await DueAsync(now, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var applicationIds = IdsOf(due, RetentionSubject.Application);
        var applications = await db.TownApplications.Where(a => applicationIds.Contains(a.Id)).ToListAsync(ct);
        foreach (var application in applications)
        {
            application.Anonymise(now);
        }

        var townIds = IdsOf(due, RetentionSubject.TownContacts);
        var towns = await db.Towns.Where(t => townIds.Contains(t.Id)).ToListAsync(ct);
        foreach (var town in towns)
        {
            town.ClearPersonalContacts();
        }
        var invitations = await db.CoordinatorInvitations.Where(i => townIds.Contains(i.TownId) && i.Email != Anonymised.Text).ToListAsync(ct);
        foreach (var invitation in invitations)
        {
            invitation.Anonymise(now);
        }
        await db.SaveChangesAsync(ct);

        var userIds = due.Where(d => d.Subject == RetentionSubject.Account).Select(d => d.Id).ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToListAsync(ct);
        foreach (var user in users)
        {
            await anonymiser.AnonymiseAccountAsync(user, ct);
        }
        await db.SaveChangesAsync(ct);

        var mails = await anonymiser.AnonymiseSentMailsAsync(MailLimit(now), ct);
        var audit = await anonymiser.RedactAuditAsync(nameof(TownApplication), applicationIds, ct)
            + await anonymiser.RedactAuditAsync(nameof(Town), townIds, ct)
            + await anonymiser.RedactAuditAsync(nameof(CoordinatorInvitation), invitations.Select(i => i.Id), ct);

        var record = new AnonymisationRecord(AnonymisationKind.Retention, now, null,
            new AnonymisationCounts(applications.Count, towns.Count, users.Count, invitations.Count, mails, audit));
        db.Add(record);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation(
            "Conservation : {Applications} candidature(s), {Towns} ville(s), {Accounts} compte(s), {Invitations} invitation(s), {Mails} courriel(s) anonymisés ; {Audit} ligne(s) du journal expurgées.",
            record.Applications, record.TownContacts, record.Accounts, record.Invitations, record.Mails, record.AuditEntries);
        return record;
    }

    private static List<int> IdsOf(IEnumerable<RetentionDue> due, RetentionSubject subject) =>
        due.Where(d => d.Subject == subject).Select(d => int.Parse(d.Id, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>When the daily job runs next (UTC), for the page.</summary>
    public DateTime NextRunUtc()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date.AddHours(Options.DailyRunHourUtc);
        return today > now ? today : today.AddDays(1);
    }
}
