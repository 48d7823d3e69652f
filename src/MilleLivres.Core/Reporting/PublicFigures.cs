using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// What the public figures page shows (issue 16, ADR 0821): aggregates only, the same figures as the staff dashboard
/// (read from <see cref="ProgrammeFigures"/>), the départements served and a few testimonials that were given with
/// consent to quote and approved by staff. No name or address of any person: towns, counts and quotes.
/// </summary>
public sealed class PublicFigures(AppDbContext db, ProgrammeFigures figures, ServedDepartements departements, TimeProvider clock)
{
    public const int MaxTestimonials = 6;

    public sealed record WaveLine(int Number, string Name, WaveStatus Status, int Towns, long Shipped, long HandedOut, long ChildrenReached);

    public sealed record Quote(string Text, string Source, string Town, int WaveNumber);

    public sealed record Summary(
        int Towns, long Shipped, long HandedOut, long ChildrenReached, IReadOnlyList<WaveLine> Waves,
        IReadOnlyList<ServedDepartement> Departements, IReadOnlyList<Quote> Testimonials, DateTimeOffset ComputedAt);

    public async Task<Summary> ComputeAsync(CancellationToken ct = default)
    {
        var dashboard = await figures.ComputeAsync(ct);
        var p = dashboard.Programme;
        var waves = dashboard.Waves.Where(w => w.Towns > 0)
            .Select(w => new WaveLine(w.Number!.Value, w.Name, w.Status!.Value, w.Towns, w.Shipped, w.HandedOut, w.ChildrenReached))
            .ToList();
        var quotes = await (from t in db.Testimonials.AsNoTracking()
                            where t.ConsentToQuote && t.Moderation == ModerationState.Approved
                            join r in db.DistributionReports on t.ReportId equals r.Id
                            join town in db.Towns on r.TownId equals town.Id
                            join wave in db.Waves on r.WaveId equals wave.Id
                            orderby t.ModeratedAtUtc descending, t.Id descending
                            select new { t.Text, t.Source, Town = town.Name, wave.Number })
            .Take(MaxTestimonials)
            .ToListAsync(ct);
        return new Summary(p.Towns, p.Shipped, p.HandedOut, p.ChildrenReached, waves,
            await departements.ListAsync(ct),
            quotes.Select(q => new Quote(q.Text, DistributionText.Of(q.Source), q.Town, q.Number)).ToList(),
            clock.GetUtcNow());
    }
}
