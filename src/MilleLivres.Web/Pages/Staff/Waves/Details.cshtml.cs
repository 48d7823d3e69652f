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

    /// <summary>The state of the data the page shows (see <see cref="ReadVersionAsync"/>): its fragments are rendered once per state.</summary>
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

    /// <summary>Everything the page shows, read once per state of the data (<see cref="ReadVersionAsync"/>).</summary>
    private sealed record PageData(Wave Wave, IReadOnlyList<TownRow> Towns, IReadOnlyList<(string Text, string Value)> CandidateTowns,
        Core.Distribution.DistributionProgress.Progress? Progress, IReadOnlyList<AuditEntry> History,
        PackingSummaryViewComponent.Summary Packing, ReceiptProgressViewComponent.Progress Receipt);

    /// <summary>
    /// The state of everything the page shows, read in one statement (ADR 0528), or null if there is no such wave. The
    /// newest audit id of the whole table changes with every audited change: the wave, its towns, towns renamed,
    /// allocation actions, cartons, shipments, receipt differences, distribution reports, and work rows asked for or
    /// retried. What changes without an audit row is counted: the packing slips' work rows go from running to done or
    /// failed by bulk updates, and only a request or a retry (audited) takes a row out of done or failed, so between
    /// two audited changes the done and failed counts only grow and name the section's state; acknowledgements of
    /// receipt are documents written by a job, one row per town replaced in place (same id), so their count, newest id
    /// and sum of ids name the set shown.
    /// Plain SQL on the context's connection, valid on SQLite and PostgreSQL: the LINQ form of these seven sub-queries
    /// cost more CPU than the rest of the request (expression tree walked on every call); an EF compiled query keeps
    /// the first provider's plan (ADR 0528).
    /// </summary>
    private async Task<string?> ReadVersionAsync(int id)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """
            SELECT (SELECT MAX("Id") FROM "AuditEntries"),
                   (SELECT COUNT(*) FROM "WorkItems" WHERE "Group" = @group),
                   (SELECT COUNT(*) FROM "WorkItems" WHERE "Group" = @group AND "Status" = @done),
                   (SELECT COUNT(*) FROM "WorkItems" WHERE "Group" = @group AND "Status" = @failed),
                   (SELECT COUNT(*) FROM "GeneratedDocuments" WHERE "Kind" = @kind AND "WaveId" = @id),
                   (SELECT MAX("Id") FROM "GeneratedDocuments" WHERE "Kind" = @kind AND "WaveId" = @id),
                   (SELECT SUM("Id") FROM "GeneratedDocuments" WHERE "Kind" = @kind AND "WaveId" = @id)
            FROM "Waves" WHERE "Id" = @id
            """;
        void Add(string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        Add("@id", id);
        Add("@group", PackingSlipWork.Group(id));
        Add("@done", nameof(WorkStatus.Done));
        Add("@failed", nameof(WorkStatus.Failed));
        Add("@kind", AcknowledgementWork.DocumentKind);
        await using var reader = await command.ExecuteReaderAsync(HttpContext.RequestAborted);
        if (!await reader.ReadAsync(HttpContext.RequestAborted))
        {
            return null;
        }
        var parts = new string[reader.FieldCount + 1];
        parts[0] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            // SQLite gives integers, PostgreSQL also numeric (SUM of bigint): one invariant text for both.
            parts[i + 1] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        return string.Join('-', parts);
    }

    private async Task<bool> LoadAsync(int id)
    {
        // One statement names the state of everything the page shows (ReadVersionAsync); the page's data is read once per
        // state and its fragments rendered once per state. Several instances each compare with the shared database:
        // none serves a stale page. A change committed between the version read and the data read is stored under the
        // older version, which never comes back (audit ids and, between them, the counts only grow).
        // One connection for the version and, on a miss, the page's reads.
        await db.Database.OpenConnectionAsync();
        var version = await ReadVersionAsync(id);
        if (version is null)
        {
            return false;
        }
        var key = (nameof(DetailsModel), version);
        if (!cache.TryGetValue(key, out PageData? data) || data is null)
        {
            data = await ReadAsync(id);
            if (data is null)
            {
                return false;
            }
            cache.Set(key, data, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 });
        }
        Version = version;
        Wave = data.Wave;
        Towns = data.Towns;
        CandidateTowns = data.CandidateTowns.Select(t => new SelectListItem(t.Text, t.Value)).ToList();
        Progress = data.Progress;
        History = data.History;
        Packing = data.Packing;
        Receipt = data.Receipt;
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
        var packing = await PackingSummaryViewComponent.ReadAsync(db, services.GetRequiredService<WorkQueue>(), id);
        var receipt = await ReceiptProgressViewComponent.ReadAsync(db, id);
        return new PageData(wave, towns, candidates, waveProgress, history, packing, receipt);
    }
}
