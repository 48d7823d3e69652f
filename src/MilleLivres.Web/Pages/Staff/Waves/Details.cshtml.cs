using System.ComponentModel.DataAnnotations;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Work;
using MilleLivres.Web.Pages.Staff.Packing;
using MilleLivres.Web.Pages.Staff.Receipts;
using MilleLivres.Core.Waves;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MilleLivres.Web.Pages.Staff.Waves;

// Only what every request needs is injected (the context and the cache); the services of a cache miss or of a post are
// asked for there: resolving them on every request was a measurable part of the page's cost (ADR 0528).
public class DetailsModel(AppDbContext db, IMemoryCache cache) : PageModel
{
    /// <summary>The wave's distribution progress, once books are allocated; null before.</summary>
    public Core.Distribution.DistributionProgress.Progress? Progress { get; private set; }

    public Wave Wave { get; private set; } = null!;
    public IReadOnlyList<TownRow> Towns { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CandidateTowns { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    /// <summary>The packing section: the wave's slips asked for, made, failed.</summary>
    public PackingSummaryViewComponent.Summary Packing { get; private set; } = null!;

    /// <summary>The receipt section: per town, once cartons left.</summary>
    public ReceiptProgressViewComponent.Progress Receipt { get; private set; } = null!;

    /// <summary>The state of the data the page shows (see <see cref="LoadAsync"/>): its fragments are rendered once per state.</summary>
    public string Version { get; private set; } = "";

    [BindProperty]
    public AddTownInput Input { get; set; } = new();

    public sealed record TownRow(int Id, string Name, string InseeCode, string Departement, bool IsMember, DateOnly? DistributionStartedOn);

    public sealed class AddTownInput
    {
        [Display(Name = "Ville à ajouter")]
        [Required(ErrorMessage = "Choisissez une ville.")]
        public int? TownId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddTownAsync(int id, [FromServices] WaveTowns waveTowns)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == id))
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            try
            {
                var name = await waveTowns.AddAsync(id, Input.TownId!.Value);
                var number = await db.Waves.Where(w => w.Id == id).Select(w => w.Number).SingleAsync();
                TempData["Success"] = $"{name} a été ajoutée à la vague {number}.";
                return RedirectToPage(new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddDomainError(e);
            }
        }
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveTownAsync(int id, int townId, [FromServices] WaveTowns waveTowns)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == id))
        {
            return NotFound();
        }
        try
        {
            var name = await waveTowns.RemoveAsync(id, townId);
            var number = await db.Waves.Where(w => w.Id == id).Select(w => w.Number).SingleAsync();
            TempData["Success"] = $"{name} a été retirée de la vague {number}.";
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            await LoadAsync(id);
            return Page();
        }
    }

    /// <summary>
    /// What the page shows of audited data, read once per newest audit id; and whether the wave has work rows for its
    /// slips or shipments, the only things whose state also changes without an audit row (see <see cref="ReadUnauditedStateAsync"/>).
    /// </summary>
    private sealed record PageData(Wave Wave, IReadOnlyList<TownRow> Towns, IReadOnlyList<(string Text, string Value)> CandidateTowns,
        Core.Distribution.DistributionProgress.Progress? Progress, IReadOnlyList<AuditEntry> History, bool HasSlipWork, bool HasShipments);

    /// <summary>The packing and receipt sections, read once per full state of the data.</summary>
    private sealed record SectionsData(PackingSummaryViewComponent.Summary Packing, ReceiptProgressViewComponent.Progress Receipt);

    private static readonly MemoryCacheEntryOptions Kept = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };

    /// <summary>
    /// The audit state of the whole table (ADR 0529), or null if there is no such wave: it changes with every audited change,
    /// the wave, its towns, towns renamed, allocation actions, cartons, shipments, receipt differences, distribution
    /// reports, and work rows asked for or retried. Plain SQL on the context's connection (valid on SQLite and
    /// PostgreSQL): the LINQ form cost more CPU than the statement (expression tree walked on every call), and an EF
    /// compiled query keeps the first provider's plan (ADR 0528).
    /// </summary>
    private async Task<string?> ReadAuditStateAsync(int id)
    {
        // The newest id and the entries within AppDbContext.AuditStateWindow of it (ADR 0529): an audited change that
        // commits after one with a higher id (PostgreSQL) moves the count, not the newest id.
        var audit = AuditStateSql.Of();
        await using var command = db.CreateCommand($"""SELECT {audit.Newest}, {audit.Recent} FROM "Waves" WHERE "Id" = @id""", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(HttpContext.RequestAborted);
        return await reader.ReadAsync(HttpContext.RequestAborted)
            ? new AuditState(reader.IsDBNull(0) ? null : Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)).ToString()
            : null;
    }

    /// <summary>
    /// What changes without an audit row, in one statement. The slips' work rows go from running to done or failed by
    /// bulk updates, and only a request or a retry (audited) takes a row out of done or failed: between two audited
    /// changes the done and failed counts only grow, and name the packing section's state. Acknowledgements of receipt
    /// are documents written by a job, one row per town replaced in place (same id): their count, newest id and sum
    /// of ids name the set shown. Read only when the wave has slip work or shipments: both are created with an audit
    /// row, so until the audit id moves nothing here could change the page (SQLite prepares every statement anew, and
    /// preparing this one cost as much as the rest of the request's reads).
    /// </summary>
    private async Task<string> ReadUnauditedStateAsync(int id)
    {
        await using var command = db.CreateCommand("""
            SELECT w.c, w.d, w.f, g.c, g.m, g.s
            FROM (SELECT COUNT(*) AS c, SUM(CASE WHEN "Status" = @done THEN 1 ELSE 0 END) AS d,
                         SUM(CASE WHEN "Status" = @failed THEN 1 ELSE 0 END) AS f
                  FROM "WorkItems" WHERE "Group" = @group) AS w,
                 (SELECT COUNT(*) AS c, MAX("Id") AS m, SUM("Id") AS s
                  FROM "GeneratedDocuments" WHERE "Kind" = @kind AND "WaveId" = @id) AS g
            """,
            ("@id", id), ("@group", PackingSlipWork.Group(id)), ("@done", nameof(WorkStatus.Done)), ("@failed", nameof(WorkStatus.Failed)),
            ("@kind", AcknowledgementWork.DocumentKind));
        await using var reader = await command.ExecuteReaderAsync(HttpContext.RequestAborted);
        await reader.ReadAsync(HttpContext.RequestAborted);
        return string.Join('.', Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader, i)));
    }

    // SQLite gives integers, PostgreSQL also numeric (SUM of bigint): one invariant text for both.
    private static string Text(System.Data.Common.DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;

    private async Task<bool> LoadAsync(int id)
    {
        // The state of the data names what the page shows (ADR 0528): the page's data is read, and its fragments
        // rendered, once per state. Usually one statement (the newest audit id); a second one once the wave has slip
        // work or shipments. Several instances each compare with the shared database: none serves a stale page. A
        // change committed between the state read and the data read is stored under the older state, which never comes
        // back (audit ids and, between them, the counts only grow).
        // One connection for the state and, on a miss, the page's reads.
        await db.Database.OpenConnectionAsync();
        var audit = await ReadAuditStateAsync(id);
        if (audit is null)
        {
            return false;
        }
        var key = (nameof(PageData), id, audit);
        if (!cache.TryGetValue(key, out PageData? data) || data is null)
        {
            data = await ReadAsync(id);
            if (data is null)
            {
                return false;
            }
            cache.Set(key, data, Kept);
        }
        var unaudited = data.HasSlipWork || data.HasShipments ? await ReadUnauditedStateAsync(id) : "";
        var version = $"{id}-{audit}-{unaudited}";
        var sectionsKey = (nameof(SectionsData), version);
        if (!cache.TryGetValue(sectionsKey, out SectionsData? sections) || sections is null)
        {
            sections = new SectionsData(
                await PackingSummaryViewComponent.ReadAsync(db, HttpContext.RequestServices.GetRequiredService<WorkQueue>(), id),
                await ReceiptProgressViewComponent.ReadAsync(db, id));
            cache.Set(sectionsKey, sections, Kept);
        }
        Version = version;
        Wave = data.Wave;
        Towns = data.Towns;
        CandidateTowns = data.CandidateTowns.Select(t => new SelectListItem(t.Text, t.Value)).ToList();
        Progress = data.Progress;
        History = data.History;
        Packing = sections.Packing;
        Receipt = sections.Receipt;
        return true;
    }

    private async Task<PageData?> ReadAsync(int id)
    {
        var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id);
        if (wave is null)
        {
            return null;
        }
        var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == id)
            .OrderBy(t => t.Town.Name)
            .Select(t => new TownRow(t.TownId, t.Town.Name, t.Town.InseeCode, t.Town.Departement, t.Town.IsVilleBanlieueMember, t.DistributionStartedOn))
            .ToListAsync();
        IReadOnlyList<(string, string)> candidates = [];
        if (wave.IsPlanning)
        {
            candidates = (await db.Towns.AsNoTracking()
                .Where(t => t.Status != TownStatus.Withdrawn && !db.WaveTowns.Any(w => w.WaveId == id && w.TownId == t.Id))
                .OrderBy(t => t.Name)
                .Select(t => new { t.Name, t.InseeCode, t.Id })
                .ToListAsync())
                .Select(t => ($"{t.Name} ({t.InseeCode})", t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
        }
        var services = HttpContext.RequestServices;
        var waveProgress = await db.AllocationLines.AnyAsync(l => l.WaveId == id)
            ? await services.GetRequiredService<Core.Distribution.DistributionProgress>().ForWaveAsync(id)
            : null;
        // Every entry that belongs to the wave (its own changes, its towns, wishes, allocation actions, cartons):
        // an index lookup on (WaveId, Id), whatever the number of waves confirmed before.
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.WaveId == id)
            .OrderByDescending(a => a.Id)
            .Take(50)
            .ToListAsync();
        // Read after the audit id: true if there were any then (their creation is audited), or came since (harmless).
        var slipGroup = PackingSlipWork.Group(id);
        var hasSlipWork = await db.WorkItems.AnyAsync(w => w.Group == slipGroup);
        var hasShipments = await db.Shipments.AnyAsync(s => s.WaveId == id);
        return new PageData(wave, towns, candidates, waveProgress, history, hasSlipWork, hasShipments);
    }
}
