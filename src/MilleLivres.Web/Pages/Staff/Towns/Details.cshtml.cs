using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Towns;

public class DetailsModel(AppDbContext db, Core.Distribution.DistributionProgress progress) : PageModel
{
    public IReadOnlyList<Core.Distribution.DistributionProgress.Progress> Progress { get; private set; } = [];

    public Town Town { get; private set; } = null!;
    public IReadOnlyList<(int Id, int Number, string Name, WaveStatus Status, DateOnly? DistributionStartedOn)> Waves { get; private set; } = [];
    public IReadOnlyList<string> Coordinators { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    public IReadOnlyList<(string Band, int Children)> Children { get; private set; } = [];

    /// <summary>The town's delivery mails: notices, date changes, reminders, replacements and resolved differences.</summary>
    public IReadOnlyList<MailRow> Mails { get; private set; } = [];

    public sealed record MailRow(int Id, Core.Applications.OutboxEmailKind Kind, int? WaveId, DateTime CreatedAtUtc, Core.Applications.OutboxEmailStatus Status);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var town = await db.Towns.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id);
        if (town is null)
        {
            return NotFound();
        }
        Town = town;
        var waves = await db.WaveTowns.AsNoTracking().Where(w => w.TownId == id)
            .OrderBy(w => w.Wave.Number)
            .Select(w => new { w.Wave.Id, w.Wave.Number, w.Wave.Name, w.Wave.Status, w.DistributionStartedOn })
            .ToListAsync();
        Waves = waves.Select(w => (w.Id, w.Number, w.Name, w.Status, w.DistributionStartedOn)).ToList();
        var followed = new List<Core.Distribution.DistributionProgress.Progress>();
        foreach (var w in waves.OrderByDescending(w => w.Number))
        {
            // A wave has figures to follow once books are allocated to the town.
            if (await db.AllocationLines.AnyAsync(l => l.WaveId == w.Id && l.TownId == id))
            {
                followed.Add(await progress.ForTownAsync(w.Id, id));
            }
        }
        Progress = followed;
        Coordinators = await db.CoordinatorTowns.AsNoTracking().Where(c => c.TownId == id)
            .Select(c => c.User.Email!).OrderBy(e => e).ToListAsync();
        var children = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder)
            .Select(b => new { b.MinAge, b.MaxAge, b.Name, Children = db.TownChildrenCounts.Where(c => c.TownId == id && c.AgeBandId == b.Id).Select(c => (int?)c.Children).FirstOrDefault() })
            .ToListAsync();
        Children = children.Where(c => c.Children is not null).Select(c => (AgeBand.AgesOf(c.MinAge, c.MaxAge), c.Children!.Value)).ToList();
        Mails = await db.OutboxEmails.AsNoTracking().Where(m => m.TownId == id)
            .OrderByDescending(m => m.Id).Take(50)
            .Select(m => new MailRow(m.Id, m.Kind, m.WaveId, m.CreatedAtUtc, m.Status))
            .ToListAsync();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Core.Domain.Town) && a.EntityId == key)
            .OrderByDescending(a => a.Id)
            .Take(50)
            .ToListAsync();
        return Page();
    }
}
