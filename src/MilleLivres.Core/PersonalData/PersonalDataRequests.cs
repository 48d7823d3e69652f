using System.Globalization;
using System.Text;
using System.Text.Json;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.PersonalData;

public sealed record HeldApplication(int Id, string Town, string Role, string? Name, string? Email, string? Phone, string Status, DateTime SubmittedAtUtc);
public sealed record HeldTownContact(int TownId, string Town, string Role, string? Name, string? Email, string? Phone);
public sealed record HeldAccount(string Id, string Email, string? DisplayName, IReadOnlyList<string> Towns);
public sealed record HeldInvitation(int Id, string Town, string Email, string? Name, DateTime CreatedAtUtc, DateTime? UsedAtUtc);
public sealed record HeldMail(int Id, string Kind, string Status, DateTime CreatedAtUtc, DateTime? SentAtUtc);

/// <summary>Everything the app holds about one email address or name.</summary>
public sealed record PersonalDataReport(
    string Query,
    DateTime AtUtc,
    IReadOnlyList<HeldApplication> Applications,
    IReadOnlyList<HeldTownContact> TownContacts,
    IReadOnlyList<HeldAccount> Accounts,
    IReadOnlyList<HeldInvitation> Invitations,
    IReadOnlyList<HeldMail> Mails,
    int AuditMentions)
{
    public bool IsEmpty => Applications.Count + TownContacts.Count + Accounts.Count + Invitations.Count + Mails.Count == 0;

    /// <summary>The French summary given to the person (and shown to staff).</summary>
    public IReadOnlyList<string> Summary()
    {
        var lines = new List<string>
        {
            $"Données personnelles détenues par Biblionef (opération « 1000 livres dans les Cités éducatives ») pour « {Query} », au {AtUtc.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))}.",
        };
        foreach (var a in Applications)
        {
            lines.Add($"Candidature n° {a.Id} de {a.Town}, déposée le {a.SubmittedAtUtc:dd/MM/yyyy}, {a.Status} : vous y figurez comme {a.Role} (nom : {a.Name ?? "—"}, courriel : {a.Email ?? "—"}, téléphone : {a.Phone ?? "—"}).");
        }
        foreach (var c in TownContacts)
        {
            lines.Add($"Fiche de la ville de {c.Town} : vous y figurez comme {c.Role} (nom : {c.Name ?? "—"}, courriel : {c.Email ?? "—"}, téléphone : {c.Phone ?? "—"}).");
        }
        foreach (var u in Accounts)
        {
            lines.Add($"Compte de connexion {u.Email} ({u.DisplayName ?? "sans nom affiché"}){(u.Towns.Count > 0 ? $", coordination de {string.Join(", ", u.Towns)}" : "")}.");
        }
        foreach (var i in Invitations)
        {
            lines.Add($"Invitation à créer un compte pour {i.Town}, envoyée le {i.CreatedAtUtc:dd/MM/yyyy}{(i.UsedAtUtc is null ? ", non utilisée" : ", utilisée")}.");
        }
        if (Mails.Count > 0)
        {
            lines.Add($"{Mails.Count} courriel(s) adressé(s) à cette adresse.");
        }
        if (AuditMentions > 0)
        {
            lines.Add($"{AuditMentions} ligne(s) du journal des modifications mentionnent cette personne.");
        }
        if (IsEmpty)
        {
            lines.Add("Aucune donnée n'est liée à cette recherche.");
        }
        lines.Add("Ces données servent à organiser les livraisons de livres et à en rendre compte ; seule l'équipe Biblionef les consulte. Elles sont conservées deux ans après la fin de la vague de livraison, ou un an après une candidature non retenue.");
        return lines;
    }

    public string ToJson() => JsonSerializer.Serialize(new { rapport = this, resume = Summary() }, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToSummaryText() => string.Join(Environment.NewLine + Environment.NewLine, Summary()) + Environment.NewLine;
}

/// <summary>A person's requests: find what is held about them, export it, correct it, erase it.</summary>
public sealed class PersonalDataRequests(AppDbContext db, Anonymiser anonymiser, TimeProvider clock)
{
    public const string Erased = "[effacé]";
    public const int QueryMinLength = 3;

    private static readonly string[] TownRoles = ["principal·e du collège chef de file", "DGA de la commune", "délégué·e du préfet", "coordination", "contact pour la réception des cartons"];

    /// <summary>Finds by email address (exact, any case) or by name (part of it, any case).</summary>
    public async Task<PersonalDataReport> FindAsync(string? query, CancellationToken ct = default)
    {
        query = (query ?? string.Empty).Trim();
        if (query.Length < QueryMinLength)
        {
            throw new DomainException($"Saisissez une adresse électronique ou au moins {QueryMinLength} lettres d'un nom.", "Query");
        }
        var byEmail = query.Contains('@', StringComparison.Ordinal);
        bool Matches(Contact c) => byEmail
            ? Anonymised.SameEmail(c.Email, query)
            : c.Name is not null && c.Name != Anonymised.Name && CultureInfo.InvariantCulture.CompareInfo.IndexOf(c.Name, query, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

        // Few hundred rows at most: read the contacts and match here (SQLite's lower() ignores accents and non-ASCII).
        var applications = await db.TownApplications.AsNoTracking().Where(a => a.AnonymisedAtUtc == null).ToListAsync(ct);
        var heldApplications = new List<HeldApplication>();
        foreach (var a in applications)
        {
            if (Matches(a.Applicant))
            {
                heldApplications.Add(new(a.Id, a.TownName, "personne qui dépose la candidature", a.Applicant.Name, a.Applicant.Email, a.Applicant.Phone, ApplicationStatusText.Of(a.Status), a.SubmittedAtUtc));
            }
            if (Matches(a.Coordinator))
            {
                heldApplications.Add(new(a.Id, a.TownName, "coordination", a.Coordinator.Name, a.Coordinator.Email, a.Coordinator.Phone, ApplicationStatusText.Of(a.Status), a.SubmittedAtUtc));
            }
        }
        var towns = await db.Towns.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var heldContacts = new List<HeldTownContact>();
        foreach (var t in towns)
        {
            Contact[] contacts = [t.Principal, t.DeputyDirectorGeneral, t.PrefectDelegate, t.CoordinatorContact, t.DeliveryContact];
            for (var i = 0; i < contacts.Length; i++)
            {
                if (Matches(contacts[i]))
                {
                    heldContacts.Add(new(t.Id, t.Name, TownRoles[i], contacts[i].Name, contacts[i].Email, contacts[i].Phone));
                }
            }
        }
        var users = await db.Users.AsNoTracking().Where(u => u.AnonymisedAtUtc == null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, Towns = u.CoordinatedTowns.Select(c => c.Town.Name).ToList() })
            .ToListAsync(ct);
        var heldAccounts = users
            .Where(u => byEmail ? Anonymised.SameEmail(u.Email, query) : Matches(new Contact(u.DisplayName, null, null)))
            .Select(u => new HeldAccount(u.Id, u.Email ?? string.Empty, u.DisplayName, u.Towns)).ToList();
        var invitations = await db.CoordinatorInvitations.AsNoTracking().Where(i => i.Email != Anonymised.Text)
            .Select(i => new { i.Id, Town = i.Town.Name, i.Email, i.Name, i.CreatedAtUtc, i.UsedAtUtc }).ToListAsync(ct);
        var heldInvitations = invitations.Where(i => Matches(new Contact(i.Name, i.Email, null)))
            .Select(i => new HeldInvitation(i.Id, i.Town, i.Email, i.Name, i.CreatedAtUtc, i.UsedAtUtc)).ToList();
        var mails = byEmail
            ? (await db.OutboxEmails.AsNoTracking().Where(m => m.Recipient.ToLower() == query.ToLower())
                .Select(m => new { m.Id, m.Kind, m.Status, m.CreatedAtUtc, m.SentAtUtc }).ToListAsync(ct))
                .Select(m => new HeldMail(m.Id, m.Kind.ToString(), m.Status.ToString(), m.CreatedAtUtc, m.SentAtUtc)).ToList()
            : [];
        var lowered = query.ToLowerInvariant();
        var auditMentions = await db.AuditEntries.AsNoTracking()
            .CountAsync(a => a.Changes.ToLower().Contains(lowered) || a.ActorName.ToLower().Contains(lowered), ct);
        return new PersonalDataReport(query, clock.GetUtcNow().UtcDateTime, heldApplications, heldContacts, heldAccounts, heldInvitations, mails, auditMentions);
    }

    /// <summary>
    /// Erases everything about one email address: contacts, account (disabled), invitations, mails, and the address and
    /// the person's names wherever else they are written (audit trail included). The figures stay. One transaction.
    /// </summary>
    public async Task<AnonymisationRecord> EraseAsync(string? email, string? reason, CancellationToken ct = default)
    {
        email = (email ?? string.Empty).Trim();
        if (!ApplicationRules.IsEmail(email))
        {
            throw new DomainException("Saisissez l'adresse électronique de la personne à effacer.", "Email");
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new DomainException("Indiquez le motif de l'effacement (par exemple : demande reçue le …).", "Reason");
        }
        if (reason.Length > AnonymisationRecord.ReasonMaxLength)
        {
            throw new DomainException($"Le motif ne peut dépasser {AnonymisationRecord.ReasonMaxLength} caractères.", "Reason");
        }
        var found = await FindAsync(email, ct);
        if (found.IsEmpty)
        {
            throw new DomainException($"Aucune donnée personnelle n'est liée à {email} (déjà effacée ?).", "Email");
        }
        var names = found.Applications.Select(a => a.Name).Concat(found.TownContacts.Select(c => c.Name))
            .Concat(found.Accounts.Select(a => a.DisplayName)).Concat(found.Invitations.Select(i => i.Name))
            .Where(n => n is { Length: >= 5 } && n != Anonymised.Name).Select(n => n!).ToList();
        var now = clock.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var applicationIds = found.Applications.Select(a => a.Id).Distinct().ToList();
        var applications = await db.TownApplications.Where(a => applicationIds.Contains(a.Id)).ToListAsync(ct);
        var townIds = found.TownContacts.Select(c => c.TownId).Distinct().ToList();
        var towns = await db.Towns.Where(t => townIds.Contains(t.Id)).ToListAsync(ct);
        var invitationIds = found.Invitations.Select(i => i.Id).ToList();
        var invitations = await db.CoordinatorInvitations.Where(i => invitationIds.Contains(i.Id)).ToListAsync(ct);
        var applicationsErased = applications.Count(a => a.EraseContactsWithEmail(email));
        var townsErased = towns.Count(t => t.EraseContactsWithEmail(email));
        foreach (var invitation in invitations)
        {
            invitation.Anonymise(now);
        }
        await db.SaveChangesAsync(ct);

        var userIds = found.Accounts.Select(a => a.Id).ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToListAsync(ct);
        foreach (var user in users)
        {
            await anonymiser.AnonymiseAccountAsync(user, ct);
        }
        await db.SaveChangesAsync(ct);
        var mails = await anonymiser.AnonymiseMailsToAsync(email, ct);
        var audit = await anonymiser.RedactAuditAsync(nameof(TownApplication), applicationIds, ct)
            + await anonymiser.RedactAuditAsync(nameof(Town), townIds, ct)
            + await anonymiser.RedactAuditAsync(nameof(CoordinatorInvitation), invitationIds, ct);

        var record = new AnonymisationRecord(AnonymisationKind.Erasure, now, reason,
            new AnonymisationCounts(applicationsErased, townsErased, users.Count, invitations.Count, mails, audit));
        db.Add(record);
        await db.SaveChangesAsync(ct);
        // Last, so the reason and the record's own audit row are covered too.
        await anonymiser.ScrubEverywhereAsync([email, .. names], Erased, ct);
        await tx.CommitAsync(ct);
        return record;
    }

    /// <summary>Corrects a contact of an application (the person's own request). Audited like any change.</summary>
    public async Task CorrectApplicationContactAsync(int applicationId, bool coordinator, string? name, string? email, string? phone, CancellationToken ct = default)
    {
        var application = await db.TownApplications.SingleOrDefaultAsync(a => a.Id == applicationId, ct)
            ?? throw new DomainException("Cette candidature n'existe pas.");
        var normalizedPhone = ApplicationRules.NormalizePhone(phone);
        if (!string.IsNullOrWhiteSpace(phone) && normalizedPhone is null)
        {
            throw new DomainException("Saisissez un numéro de téléphone français valide, ou laissez vide.", "Phone");
        }
        application.CorrectContact(coordinator, Contact.Of(name, email, normalizedPhone));
        await db.SaveChangesAsync(ct);
    }
}
