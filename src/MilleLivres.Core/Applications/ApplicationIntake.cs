using MilleLivres.Core.Domain;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Applications;

/// <summary>Receives applications from the public form.</summary>
public sealed class ApplicationIntake(AppDbContext db, TimeProvider clock, Mail.IMailScheduler mails)
{
    public sealed record AgeBandChoice(int Id, string Label);

    public Task<List<AgeBandChoice>> AgeBandsAsync(CancellationToken ct = default) =>
        db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.MinAge)
            .Select(b => new AgeBandChoice(b.Id, AgeBand.LabelOf(b.MinAge, b.MaxAge, b.Name)))
            .ToListAsync(ct);

    /// <summary>Every problem of the form, with its field; empty when it can be submitted.</summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(ApplicationForm form, CancellationToken ct = default)
    {
        var bandIds = await db.AgeBands.Select(b => b.Id).ToListAsync(ct);
        return ApplicationRules.Validate(form, bandIds);
    }

    /// <summary>
    /// Stores a valid application with its private status link and the pending mail of that link, in one
    /// transaction. Returns the application id and the link's token (shown once, never stored).
    /// </summary>
    public async Task<(int Id, string StatusToken)> SubmitAsync(ApplicationForm form, CancellationToken ct = default)
    {
        var bandIds = await db.AgeBands.Select(b => b.Id).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (application, token) = TownApplication.Submit(form, bandIds, now);
        db.TownApplications.Add(application);
        db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.ApplicationStatusLink, application.Applicant.Email!, now, application));
        await db.SaveChangesAsync(ct);
        mails.SendSoon();
        return (application.Id, token);
    }

    /// <summary>The application a status token opens, or null.</summary>
    public Task<int?> FindByStatusTokenAsync(string? token, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token))
        {
            return Task.FromResult<int?>(null);
        }
        var hash = SecretToken.Hash(token!);
        return db.ApplicationStatusLinks.AsNoTracking().Where(l => l.TokenHash == hash)
            .Select(l => (int?)l.TownApplicationId).FirstOrDefaultAsync(ct);
    }
}
