using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Applications;

/// <summary>Staff decisions on applications. Each decision is one save: one transaction with its audit rows.</summary>
public sealed class ApplicationReview(AppDbContext db, TimeProvider clock, IActor actor, IOptions<ApplicationOptions> options, Waves.WaveTowns waveTowns, Mail.IMailScheduler mails)
{
    public sealed record Accepted(int TownId, int WaveId, string InvitationToken);

    /// <summary>The wave an accepted town goes into unless staff choose another: the next one still being planned.</summary>
    public Task<int?> DefaultWaveIdAsync(CancellationToken ct = default) =>
        db.Waves.AsNoTracking().Where(w => w.Status == WaveStatus.Planning).OrderBy(w => w.Number)
            .Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);

    public async Task StartReviewAsync(int applicationId, CancellationToken ct = default)
    {
        var application = await LoadAsync(applicationId, ct);
        application.StartReview(Now);
        await db.SaveChangesAsync(ct);
    }

    public async Task WaitlistAsync(int applicationId, string? reason, CancellationToken ct = default)
    {
        var application = await LoadAsync(applicationId, ct);
        application.Waitlist(reason, actor.Name, Now);
        db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.ApplicationDecision, application.Applicant.Email!, Now, application));
        await db.SaveChangesAsync(ct);
        mails.SendSoon();
    }

    public async Task DeclineAsync(int applicationId, string? reason, CancellationToken ct = default)
    {
        var application = await LoadAsync(applicationId, ct);
        application.Decline(reason, actor.Name, Now);
        db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.ApplicationDecision, application.Applicant.Email!, Now, application));
        await db.SaveChangesAsync(ct);
        mails.SendSoon();
    }

    /// <summary>
    /// Accepts into a wave: creates or updates the town (membership from the staff's list, children per band,
    /// delivery address, coordinator), adds it to the wave, and invites the coordinator. Returns the invitation
    /// token, shown once to staff; the pending mail will carry a fresh one.
    /// </summary>
    public async Task<Accepted> AcceptAsync(int applicationId, int? waveId, string? reason, CancellationToken ct = default)
    {
        var application = await db.TownApplications.Include(a => a.Children).SingleOrDefaultAsync(a => a.Id == applicationId, ct)
            ?? throw new DomainException("Cette candidature n'existe pas.");
        if (waveId is null)
        {
            throw new DomainException("Choisissez la vague dans laquelle la ville entre.", "WaveId");
        }
        var wave = await db.Waves.Include(w => w.Towns).SingleOrDefaultAsync(w => w.Id == waveId, ct)
            ?? throw new DomainException("Cette vague n'existe pas.", "WaveId");
        var now = Now;
        var isMember = await db.VilleBanlieueMembers.AnyAsync(m => m.InseeCode == application.InseeCode, ct);
        var town = await db.Towns.Include(t => t.ExpectedChildren).SingleOrDefaultAsync(t => t.InseeCode == application.InseeCode, ct);
        if (town is null)
        {
            town = new Town(application.TownName, application.InseeCode, application.Departement, application.Region,
                application.CiteEducativeName, isMember);
            db.Towns.Add(town);
        }
        else
        {
            town.SetVilleBanlieueMember(isMember);
        }
        town.SetDeliveryAddress(application.Delivery);
        town.SetCoordinatorContact(application.Coordinator);
        town.SetExpectedChildren(application.Children.ToDictionary(c => c.AgeBandId, c => c.Children));

        var otherOpenWave = town.Id == 0 ? null : await waveTowns.OtherOpenWaveOfAsync(town.Id, wave.Id, ct);
        try
        {
            wave.AddTown(town, otherOpenWave);
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Message, "WaveId");
        }
        // A town served in an earlier wave is selected again for this one.
        if (town.Status != TownStatus.Selected)
        {
            town.SetStatus(TownStatus.Selected);
        }
        application.Accept(wave, town, reason, actor.Name, now);
        var (invitation, token) = CoordinatorInvitation.Issue(town, application.Coordinator, application, now,
            TimeSpan.FromDays(options.Value.InvitationValidityDays));
        db.CoordinatorInvitations.Add(invitation);
        db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.ApplicationDecision, application.Applicant.Email!, now, application));
        db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.CoordinatorInvitation, invitation.Email, now, invitation: invitation));
        await db.SaveChangesAsync(ct);
        mails.SendSoon();
        return new Accepted(town.Id, wave.Id, token);
    }

    /// <summary>
    /// Staff ask for a fresh invitation link (the first expired or was lost): a renewal mail, whose building replaces the
    /// token. False when a renewal is already waiting to be sent (a double click writes one mail). Refused once used.
    /// </summary>
    public async Task<bool> RenewInvitationAsync(int invitationId, CancellationToken ct = default)
    {
        var invitation = await db.CoordinatorInvitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct)
            ?? throw new DomainException("Cette invitation n'existe pas.");
        if (invitation.UsedAtUtc is not null)
        {
            throw new DomainException("Cette invitation a déjà servi : le compte existe.");
        }
        if (await db.OutboxEmails.AnyAsync(m => m.CoordinatorInvitationId == invitationId && m.Kind == OutboxEmailKind.InvitationRenewal
                && (m.Status == OutboxEmailStatus.Pending || m.Status == OutboxEmailStatus.Sending), ct))
        {
            return false;
        }
        db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.InvitationRenewal, invitation.Email, Now, invitation: invitation));
        await db.SaveChangesAsync(ct);
        mails.SendSoon();
        return true;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<TownApplication> LoadAsync(int id, CancellationToken ct) =>
        await db.TownApplications.SingleOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new DomainException("Cette candidature n'existe pas.");
}
