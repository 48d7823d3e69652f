using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Distribution;

/// <summary>Who acts on distributions: a coordinator reaches only their towns; staff reach every town.</summary>
public sealed record DistributionUser(string? UserId, bool IsStaff);

/// <summary>
/// Recording distributions for a town's delivery in a wave, its testimonials, finishing and reopening the report, and
/// moderating testimonials. Every call checks access first (another town's delivery is "not found"), validates
/// everything, then writes in one transaction with its audit rows. Second posts of the same form change nothing: rows
/// and testimonials carry the form's one-time key (unique in the database), edits that change nothing are not saved,
/// and the report's revision is a concurrency token.
/// </summary>
public sealed class Distributions(AppDbContext db, ReceivedBooks received, TimeProvider clock, IActor actor)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The towns the user may see: the coordinator's own (the access rule), every town for staff.</summary>
    public IQueryable<int> TownIdsFor(DistributionUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsStaff ? db.Towns.Select(t => t.Id) : db.TownIdsCoordinatedBy(user.UserId);
    }

    /// <summary>True when the town is in the wave and the user may see it.</summary>
    public Task<bool> CanSeeAsync(DistributionUser user, int waveId, int townId, CancellationToken ct = default) =>
        db.WaveTowns.AnyAsync(t => t.WaveId == waveId && t.TownId == townId && TownIdsFor(user).Contains(t.TownId), ct);

    /// <summary>The report and its rows, read-only; null when none was started yet.</summary>
    public async Task<DistributionReport?> ReportAsync(DistributionUser user, int waveId, int townId, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, waveId, townId, ct);
        return await db.DistributionReports.AsNoTracking().Include(r => r.Rows)
            .SingleOrDefaultAsync(r => r.WaveId == waveId && r.TownId == townId, ct);
    }

    public async Task<IReadOnlyList<Testimonial>> TestimonialsAsync(DistributionUser user, int waveId, int townId, CancellationToken ct = default)
    {
        await EnsureVisibleAsync(user, waveId, townId, ct);
        return await db.Testimonials.AsNoTracking()
            .Where(t => db.DistributionReports.Any(r => r.Id == t.ReportId && r.WaveId == waveId && r.TownId == townId))
            .OrderBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Adds the rows of one form. Returns how many were added; 0 when this form was already recorded.</summary>
    public async Task<int> AddRowsAsync(DistributionUser user, int waveId, int townId, IReadOnlyList<RowInput> rows, string submissionKey, CancellationToken ct = default)
    {
        var key = CheckKey(submissionKey);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = await LoadOrCreateAsync(user, waveId, townId, ct);
        // Every recorded form has its row 0: one exact lookup on the unique index.
        var firstRow = key + ":0";
        if (await db.DistributionRows.AnyAsync(r => r.SubmissionKey == firstRow, ct))
        {
            return 0;
        }
        var added = report.AddRows(rows, key, await ContextAsync(waveId, townId, ct));
        if (!await SaveAsync(ct))
        {
            return 0;
        }
        await transaction.CommitAsync(ct);
        return added.Count;
    }

    /// <summary>Changes one row of the report. False when nothing changed.</summary>
    public async Task<bool> UpdateRowAsync(DistributionUser user, int waveId, int townId, int rowId, RowInput input, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = await LoadAsync(user, waveId, townId, ct) ?? throw new DistributionNotFoundException();
        if (!report.UpdateRow(rowId, input, await ContextAsync(waveId, townId, ct)) || !await SaveAsync(ct))
        {
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Removes one row. False when it was already removed.</summary>
    public async Task<bool> RemoveRowAsync(DistributionUser user, int waveId, int townId, int rowId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = await LoadAsync(user, waveId, townId, ct);
        if (report is null || !report.RemoveRow(rowId) || !await SaveAsync(ct))
        {
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The town marks its distribution finished, with a closing comment. False when it already was.</summary>
    public async Task<bool> FinishAsync(DistributionUser user, int waveId, int townId, string? closingComment, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = await LoadOrCreateAsync(user, waveId, townId, ct);
        if (!report.Finish(closingComment, Now, actor.Name) || !await SaveAsync(ct))
        {
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Staff reopen a finished report. False when it is open already.</summary>
    public async Task<bool> ReopenAsync(DistributionUser user, int waveId, int townId, CancellationToken ct = default)
    {
        if (!user.IsStaff)
        {
            throw new DistributionNotFoundException();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = await LoadAsync(user, waveId, townId, ct);
        if (report is null || !report.Reopen(Now, actor.Name) || !await SaveAsync(ct))
        {
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Attaches a testimonial to the report. False when this form was already recorded.</summary>
    public async Task<bool> AddTestimonialAsync(DistributionUser user, int waveId, int townId, string? text, TestimonialSource? source, bool consentToQuote,
        string submissionKey, CancellationToken ct = default)
    {
        var key = CheckKey(submissionKey);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = await LoadOrCreateAsync(user, waveId, townId, ct);
        if (await db.Testimonials.AnyAsync(t => t.SubmissionKey == key, ct))
        {
            return false;
        }
        report.EnsureOpen();
        if (report.Id == 0)
        {
            await db.SaveChangesAsync(ct);
        }
        db.Testimonials.Add(Testimonial.Submit(report.Id, text, source, consentToQuote, key, Now, actor.Name));
        if (!await SaveAsync(ct))
        {
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Staff approve (for public use, only with consent) or reject a testimonial. False when already so.</summary>
    public async Task<bool> ModerateAsync(DistributionUser user, int testimonialId, bool approve, string? note, CancellationToken ct = default)
    {
        if (!user.IsStaff)
        {
            throw new DistributionNotFoundException();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var testimonial = await db.Testimonials.SingleOrDefaultAsync(t => t.Id == testimonialId, ct) ?? throw new DistributionNotFoundException();
        if (!testimonial.Moderate(approve, note, Now, actor.Name) || !await SaveAsync(ct))
        {
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Testimonials that may be quoted in public documents: consent given and approved by staff.</summary>
    public IQueryable<Testimonial> PublicTestimonials(int waveId) =>
        db.Testimonials.AsNoTracking()
            .Where(t => t.ConsentToQuote && t.Moderation == ModerationState.Approved
                && db.DistributionReports.Any(r => r.Id == t.ReportId && r.WaveId == waveId));

    /// <summary>What the rules need: today, the first receipt, books received per band after differences, the bands.</summary>
    public async Task<DistributionContext> ContextAsync(int waveId, int townId, CancellationToken ct = default)
    {
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder)
            .Select(b => new { b.Id, b.MinAge, b.MaxAge }).ToListAsync(ct);
        return new DistributionContext(
            Today,
            await received.FirstReceiptOnAsync(waveId, townId, ct),
            await received.ForTownAsync(waveId, townId, ct),
            bands.ToDictionary(b => b.Id, b => $"{b.MinAge}-{b.MaxAge} ans"),
            Now,
            actor.Name);
    }

    private static string CheckKey(string submissionKey)
    {
        if (!Guid.TryParse(submissionKey, out var key))
        {
            throw new DomainException("Ce formulaire a expiré : rechargez la page puis saisissez de nouveau.");
        }
        return key.ToString("N");
    }

    private async Task EnsureVisibleAsync(DistributionUser user, int waveId, int townId, CancellationToken ct)
    {
        if (!await CanSeeAsync(user, waveId, townId, ct))
        {
            throw new DistributionNotFoundException();
        }
    }

    private async Task<DistributionReport?> LoadAsync(DistributionUser user, int waveId, int townId, CancellationToken ct)
    {
        await EnsureVisibleAsync(user, waveId, townId, ct);
        return await db.DistributionReports.Include(r => r.Rows).SingleOrDefaultAsync(r => r.WaveId == waveId && r.TownId == townId, ct);
    }

    private async Task<DistributionReport> LoadOrCreateAsync(DistributionUser user, int waveId, int townId, CancellationToken ct)
    {
        var report = await LoadAsync(user, waveId, townId, ct);
        if (report is null)
        {
            report = new DistributionReport(waveId, townId);
            db.DistributionReports.Add(report);
        }
        return report;
    }

    /// <summary>False when another writer changed the report first (its revision moved) or recorded the same form
    /// (a unique key: the form's one-time key, or the one report per wave and town): nothing of ours is kept.</summary>
    private Task<bool> SaveAsync(CancellationToken ct) => db.SaveUnlessOvertakenAsync(uniqueKeyTakenToo: true, ct);
}
