using System.Text.Json;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Packing;

/// <summary>
/// Makes (or finds) the cartons of one town in one wave from its confirmed allocation (the AllocationLine rows).
/// Idempotent: when cartons exist and still hold exactly the allocation, they are kept with their codes; when the
/// allocation changed, the old set is replaced by a new one (new codes) in one transaction.
/// </summary>
public sealed class CartonPlanner(AppDbContext db, IOptions<PackingOptions> options, TimeProvider clock)
{
    private sealed record Allocated(int TitleId, string Isbn, string Title, string Authors, int AgeBandId, string AgeBandLabel, int AgeBandOrder, int Quantity);

    private sealed record Made(List<Allocated> Allocation, IReadOnlyList<Carton>? Existing, IReadOnlyList<Carton> Cartons,
        IReadOnlyList<(Carton Carton, int TitleId, int AgeBandId, int Quantity)> Lines);

    /// <summary>A town's cartons as its packing slip shows them, and the time they were made (the slip's date).</summary>
    public sealed record SlipCartons(DateTime MadeAtUtc, IReadOnlyList<SlipCarton> Cartons);

    /// <summary>The town's cartons, numbered 1..n, with their lines; saved if they had to be made.</summary>
    public async Task<IReadOnlyList<Carton>> EnsureAsync(int waveId, int townId, CancellationToken ct = default)
    {
        var made = await MakeAsync(waveId, townId, ct);
        if (made.Existing is { } existing)
        {
            return existing;
        }
        // The cartons as stored, with their lines (the tracked ones hold none: the lines went in by SQL).
        return await db.Cartons.AsNoTracking().Include(c => c.Lines)
            .Where(c => c.WaveId == waveId && c.TownId == townId && c.ReplacesDifferenceId == null)
            .OrderBy(c => c.Number)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Same as <see cref="EnsureAsync"/>, returned as the slip's cartons (each book with its ISBN, title, authors and
    /// age band from the allocation read once): what the packing slip job needs, without reading the cartons back
    /// nor the titles again.
    /// </summary>
    public async Task<SlipCartons> EnsureForSlipAsync(int waveId, int townId, CancellationToken ct = default)
    {
        var made = await MakeAsync(waveId, townId, ct);
        var titles = made.Allocation.GroupBy(a => a.TitleId).ToDictionary(g => g.Key, g => g.First());
        var bands = made.Allocation.GroupBy(a => a.AgeBandId).ToDictionary(g => g.Key, g => g.First());
        BookToPack Book(int titleId, int ageBandId, int quantity)
        {
            var title = titles[titleId];
            var band = bands[ageBandId];
            return new BookToPack(title.Isbn, title.Title, title.Authors, band.AgeBandLabel, band.AgeBandOrder, quantity);
        }
        var linesOf = made.Lines.ToLookup(l => l.Carton);
        var cartons = made.Existing is { } existing
            ? existing.Select(c => (c.Number, c.Code, c.CreatedAtUtc, Books: c.Lines.Select(l => Book(l.TitleId, l.AgeBandId, l.Quantity)).ToList())).ToList()
            : made.Cartons.Select(c => (c.Number, c.Code, c.CreatedAtUtc,
                Books: linesOf[c].Select(l => Book(l.TitleId, l.AgeBandId, l.Quantity)).ToList())).ToList();
        return new SlipCartons(
            cartons.Min(c => c.CreatedAtUtc),
            cartons.OrderBy(c => c.Number).Select(c => new SlipCarton(c.Number, c.Code, c.Books)).ToList());
    }

    /// <summary>Finds the town's cartons when they still hold its allocation, or makes and saves a new set.</summary>
    private async Task<Made> MakeAsync(int waveId, int townId, CancellationToken ct)
    {
        var capacity = options.Value.CartonCapacity;
        var allocation = await LoadAllocationAsync(waveId, townId, ct);
        if (allocation.Count == 0)
        {
            var town = await db.Towns.AsNoTracking().Where(t => t.Id == townId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "cette ville";
            throw new DomainException(
                $"La dotation de cette ville n'est pas encore disponible : aucune ligne de dotation confirmée pour {town} dans cette vague.", "Allocation");
        }

        // Replacement cartons (issue 14) carry copies of the allocation again: they are not part of the planned set.
        // Read without tracking: on the usual path (the slip produced again) they are only compared.
        var existing = await db.Cartons.AsNoTracking().Include(c => c.Lines)
            .Where(c => c.WaveId == waveId && c.TownId == townId && c.ReplacesDifferenceId == null)
            .OrderBy(c => c.Number)
            .ToListAsync(ct);
        if (existing.Count > 0 && Matches(existing, allocation, capacity))
        {
            return new Made(allocation, existing, existing, []);
        }
        if (existing.Count > 0)
        {
            var wave = await db.Waves.AsNoTracking().SingleAsync(w => w.Id == waveId, ct);
            if (wave.CartonsFrozen)
            {
                throw new DomainException(
                    $"Les cartons de cette ville sont déjà faits et la vague est « {WaveStatusText.Of(wave.Status)} » : ils ne peuvent plus changer, alors que la dotation a changé.", "Allocation");
            }
        }

        var byIsbn = allocation.ToDictionary(a => a.Isbn);
        var planned = Cartonizer.Split(
            allocation.Select(a => new BookToPack(a.Isbn, a.Title, a.Authors, a.AgeBandLabel, a.AgeBandOrder, a.Quantity)), capacity);
        var now = clock.GetUtcNow().UtcDateTime;
        // The whole set's codes checked in one query, not one look-up per carton (issue 12 point 5).
        var codes = await CartonCode.NewUniqueSetAsync(planned.Count, async (candidates, token) =>
            await db.Cartons.AsNoTracking().Where(c => candidates.Contains(c.Code)).Select(c => c.Code).ToListAsync(token), ct);
        var cartons = new List<Carton>();
        var lines = new List<(Carton Carton, int TitleId, int AgeBandId, int Quantity)>();
        for (var i = 0; i < planned.Count; i++)
        {
            var plan = planned[i];
            var carton = new Carton(waveId, townId, plan.Number, planned.Count, codes[i], now);
            foreach (var line in plan.Lines
                .Select(l => (byIsbn[l.Isbn].TitleId, byIsbn[l.Isbn].AgeBandId, l.Quantity))
                .GroupBy(l => (l.TitleId, l.AgeBandId), l => l.Quantity))
            {
                lines.Add((carton, line.Key.TitleId, line.Key.AgeBandId, line.Sum()));
            }
            cartons.Add(carton);
        }

        // One transaction, one commit (ADR 0527): the old set, if any, goes through the change tracker (audited
        // carton by carton, with its receipt fields: a rare path); the new cartons and their lines are written by one
        // set-based INSERT … SELECT each, and the business action « cartons made for this town » is one audit entry.
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (existing.Count > 0)
            {
                // The set read above, attached as deleted (its lines with it): not read a second time.
                db.Cartons.RemoveRange(existing);
                // Saved first, so the history reads: the old cartons deleted, then the new set made.
                await db.SaveChangesAsync(ct);
            }
            // Ids and counts, no names (as the allocation's entries); the codes find the cartons, the replaced ones too.
            var details = new Dictionary<string, object>
            {
                ["Cartons"] = cartons.Count,
                ["Livres"] = lines.Sum(l => l.Quantity),
                ["Tranches"] = lines.GroupBy(l => l.AgeBandId).OrderBy(g => g.Key).Select(g => new { Tranche = g.Key, Livres = g.Sum(l => l.Quantity) }).ToList(),
                ["Codes"] = cartons.Select(c => c.Code).ToList(),
            };
            if (existing.Count > 0)
            {
                details["Remplacent"] = existing.Select(c => c.Code).ToList();
            }
            db.AddAuditEntry(AuditActions.CartonsMade, nameof(Carton), FormattableString.Invariant($"{waveId},{townId}"), details, waveId, townId);
            await db.SaveChangesAsync(ct);
            await InsertAsync(waveId, townId, now, cartons, lines, ct);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
            }
        }
        catch when (ownTransaction is not null)
        {
            // Rolled back: nothing of the deleted cartons or of the audit entry may be saved later by this context.
            // (Inside a caller's transaction, the caller rolls back and owns its change tracker.)
            db.ChangeTracker.Clear();
            throw;
        }
        return new Made(allocation, null, cartons, lines);
    }

    /// <summary>
    /// The cartons by one INSERT … SELECT over a JSON array ([number, code] each), then their lines by one more
    /// ([number, title, band, quantity] each, joined to the cartons just written by their number, unique per wave and
    /// town). Both counts must be the planned ones, or the caller's transaction is rolled back. The lines' JOIN is
    /// written as a CROSS JOIN so that SQLite reads the JSON once, then looks each carton up by its index; with a plain
    /// JOIN it chose the cartons as the outer loop and parsed the whole array again for each carton (about 40 ms a
    /// town). PostgreSQL plans a CROSS JOIN with a WHERE like any join.
    /// </summary>
    private async Task InsertAsync(int waveId, int townId, DateTime now, IReadOnlyList<Carton> cartons,
        IReadOnlyList<(Carton Carton, int TitleId, int AgeBandId, int Quantity)> lines, CancellationToken ct)
    {
        var dialect = SqlDialect.Of(db);
        // Only fixed text and the dialect's fragments are put in the SQL; the values are parameters.
        var cartonRows = dialect.Rows("{0}", ["Number", "Code"], new HashSet<string> { "Code" });
        var cartonsSql = $$"""
            INSERT INTO "Cartons" ("WaveId", "TownId", "Number", "Count", "Code", "CreatedAtUtc", "ReceiptState", "ReceiptRevision")
            SELECT {1}, {2}, c."Number", {3}, c."Code", {4}, {5}, 0 FROM {{cartonRows}} AS c
            """;
        var cartonsJson = JsonSerializer.Serialize(cartons.Select(c => new object[] { c.Number, c.Code }));
        var written = await db.Database.ExecuteSqlRawAsync(cartonsSql,
            [cartonsJson, waveId, townId, cartons.Count, now, (int)Receipt.CartonReceiptState.Awaiting], ct);
        if (written != cartons.Count)
        {
            throw new InvalidOperationException($"Cartons: {written} written, {cartons.Count} expected.");
        }

        var lineRows = dialect.IntegerRows("{0}", ["Number", "TitleId", "AgeBandId", "Quantity"]);
        var linesSql = $$"""
            INSERT INTO "CartonLines" ("CartonId", "TitleId", "AgeBandId", "Quantity")
            SELECT c."Id", l."TitleId", l."AgeBandId", l."Quantity" FROM {{lineRows}} AS l
            CROSS JOIN "Cartons" AS c
            WHERE c."WaveId" = {1} AND c."TownId" = {2} AND c."Number" = l."Number" AND c."ReplacesDifferenceId" IS NULL
            """;
        var linesJson = JsonSerializer.Serialize(lines.Select(l => new[] { l.Carton.Number, l.TitleId, l.AgeBandId, l.Quantity }));
        written = await db.Database.ExecuteSqlRawAsync(linesSql, [linesJson, waveId, townId], ct);
        if (written != lines.Count)
        {
            throw new InvalidOperationException($"Carton lines: {written} written, {lines.Count} expected.");
        }
    }

    /// <summary>
    /// Names of the wave's towns whose cartons no longer hold their allocation (or have none): their slips are out of
    /// date. Two grouped queries, compared in memory.
    /// </summary>
    public async Task<IReadOnlyList<string>> TownsOutOfDateAsync(int waveId, CancellationToken ct = default)
    {
        var wanted = await db.AllocationLines.AsNoTracking().Where(l => l.WaveId == waveId)
            .GroupBy(l => new { l.TownId, l.TitleId, l.AgeBandId })
            .Select(g => new { g.Key.TownId, g.Key.TitleId, g.Key.AgeBandId, Quantity = g.Sum(l => l.Quantity) })
            .ToListAsync(ct);
        var packed = await db.CartonLines.AsNoTracking()
            .Join(db.Cartons.Where(c => c.WaveId == waveId && c.ReplacesDifferenceId == null), l => l.CartonId, c => c.Id, (l, c) => new { c.TownId, l.TitleId, l.AgeBandId, l.Quantity })
            .GroupBy(l => new { l.TownId, l.TitleId, l.AgeBandId })
            .Select(g => new { g.Key.TownId, g.Key.TitleId, g.Key.AgeBandId, Quantity = g.Sum(l => l.Quantity) })
            .ToListAsync(ct);
        var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == waveId).Select(t => new { t.TownId, t.Town.Name }).ToListAsync(ct);
        return towns
            .Where(t =>
            {
                var w = wanted.Where(x => x.TownId == t.TownId).Select(x => (x.TitleId, x.AgeBandId, x.Quantity)).Order().ToList();
                var p = packed.Where(x => x.TownId == t.TownId).Select(x => (x.TitleId, x.AgeBandId, x.Quantity)).Order().ToList();
                return w.Count == 0 || !w.SequenceEqual(p);
            })
            .Select(t => t.Name)
            .Order(StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), ignoreCase: true))
            .ToList();
    }

    /// <summary>Same copies per (title, band) and no carton over capacity: the cartons still describe the allocation.</summary>
    private static bool Matches(List<Carton> cartons, List<Allocated> allocation, int capacity)
    {
        if (cartons.Any(c => c.Quantity > capacity || c.Count != cartons.Count))
        {
            return false;
        }
        var packed = cartons.SelectMany(c => c.Lines)
            .GroupBy(l => (l.TitleId, l.AgeBandId))
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var wanted = allocation
            .GroupBy(a => (a.TitleId, a.AgeBandId))
            .ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity));
        return packed.Count == wanted.Count && wanted.All(w => packed.TryGetValue(w.Key, out var q) && q == w.Value);
    }

    /// <summary>
    /// The town's allocation with each title's ISBN, name and authors and each band's label: about 1000 rows a town.
    /// Plain SQL read by a data reader (ADR 0527 point 11): the same statement through LINQ spent more CPU in EF's
    /// query pipeline and materialisation than SQLite spent running it, once per town and per slip job.
    /// </summary>
    private async Task<List<Allocated>> LoadAllocationAsync(int waveId, int townId, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.CreateCommand("""
                SELECT l."TitleId", t."Isbn", t."Name", t."Authors", l."AgeBandId", b."Name", b."MinAge", b."MaxAge", b."SortOrder", l."Quantity"
                FROM "AllocationLines" AS l
                INNER JOIN "Titles" AS t ON t."Id" = l."TitleId"
                INNER JOIN "AgeBands" AS b ON b."Id" = l."AgeBandId"
                WHERE l."WaveId" = @wave AND l."TownId" = @town AND l."Quantity" > 0
                """, ("@wave", waveId), ("@town", townId));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<Allocated>();
            // A town's books fall in a handful of bands: each band's label is written once.
            var labels = new Dictionary<int, string>();
            while (await reader.ReadAsync(ct))
            {
                var band = reader.GetInt32(4);
                if (!labels.TryGetValue(band, out var label))
                {
                    label = AgeBand.LabelOf(reader.GetInt32(6), reader.GetInt32(7), reader.GetString(5));
                    labels.Add(band, label);
                }
                rows.Add(new Allocated(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), band, label,
                    reader.GetInt32(8), reader.GetInt32(9)));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
