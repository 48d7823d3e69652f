using Microsoft.Extensions.Caching.Memory;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Stock;
using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// The figures of the staff dashboard (issue 16, ADR 0800), for the whole programme and per wave, per age band:
/// towns, books allocated, shipped, received (after receipt differences, <see cref="ReceivedBooks"/>), handed out,
/// children reached; stock available per band; completeness of the towns' reporting; what needs attention.
/// A handful of grouped, untracked queries over every wave at once (never one query per town), summed in 64 bits.
/// </summary>
public sealed class ProgrammeFigures(AppDbContext db, ReceivedBooks received, IOptions<ReportingOptions> options, TimeProvider clock, IMemoryCache cache)
{
    public sealed record BandFigures(int AgeBandId, string Label, long Allocated, long Shipped, long Received, long HandedOut, long ChildrenReached);

    /// <summary>The programme (WaveId null) or one wave.</summary>
    public sealed record ScopeFigures(int? WaveId, int? Number, string Name, WaveStatus? Status, int Towns, IReadOnlyList<BandFigures> Bands)
    {
        public long Allocated => Bands.Sum(b => b.Allocated);
        public long Shipped => Bands.Sum(b => b.Shipped);
        public long Received => Bands.Sum(b => b.Received);
        public long HandedOut => Bands.Sum(b => b.HandedOut);
        public long ChildrenReached => Bands.Sum(b => b.ChildrenReached);
    }

    /// <summary>
    /// Of the towns whose delivery left (a shipment exists): how many confirmed receipt (a carton recorded), recorded
    /// distributions (a row), and did both on time (first row recorded within the setting's days of delivery).
    /// </summary>
    public sealed record CompletenessFigures(int? WaveId, string Name, int DispatchedTowns, int ConfirmedReceipt, int RecordedDistributions, int OnTime)
    {
        public static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole);
    }

    /// <summary>A dispatched town that has not reported on time and whose deadline has passed.</summary>
    public sealed record LateTown(int WaveId, int WaveNumber, int TownId, string TownName, DateOnly DeliveredOn, bool ReceiptConfirmed, bool DistributionsRecorded);

    public sealed record StockBand(int AgeBandId, string Label, long OnHand, long Reserved)
    {
        public long Available => OnHand - Reserved;
    }

    /// <summary>Failed background work of one kind for one wave (wave null when its group names none).</summary>
    public sealed record FailedWork(string Kind, int? WaveId, int Count);

    public sealed record Attention(int OpenDifferences, int FailedMails, IReadOnlyList<FailedWork> FailedWork)
    {
        public int FailedWorkCount => FailedWork.Sum(w => w.Count);
    }

    public sealed record Dashboard(
        ScopeFigures Programme, IReadOnlyList<ScopeFigures> Waves, CompletenessFigures ProgrammeCompleteness,
        IReadOnlyList<CompletenessFigures> WaveCompleteness, IReadOnlyList<LateTown> LateTowns, IReadOnlyList<StockBand> Stock,
        Attention Attention, int OnTimeDays)
    {
        /// <summary>
        /// The state of the data these figures were computed from (newest audit id, newest movement id, day, on-time
        /// days): pages keep what they derive from the same data, or their rendered fragments, under it (ADR 0825).
        /// The attention counts are not part of it: they are read fresh.
        /// </summary>
        public string Version { get; init; } = "";

        /// <summary>
        /// Whether any reminder was ever written to a town (a receipt or distribution reminder naming a wave and a town),
        /// read fresh with the attention counts: when none was, every late town's last reminder is "aucune" without
        /// reading them (ADR 0826).
        /// </summary>
        public bool HasReminders { get; init; }
    }

    /// <summary>
    /// The figures, computed once per state of the data (ADR 0824): every change they read is either an audited entity
    /// (waves, towns, allocation actions, cartons and their receipts, shipments, differences, distribution reports and
    /// rows, age bands: one audit row each, in the same transaction) or a ledger movement (stock). The newest audit id,
    /// the newest movement id and the day (lateness moves with it) are the key; the attention counts (failed mails and
    /// work, not audited) are read fresh on every call.
    /// </summary>
    public async Task<Dashboard> ComputeAsync(CancellationToken ct = default)
    {
        var onTimeDays = options.Value.OnTimeDays;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var state = await ReadStateAsync(ct);
        var key = (nameof(ProgrammeFigures), state.Audit, state.Movement, today, onTimeDays);
        if (!cache.TryGetValue(key, out Dashboard? figures) || figures is null)
        {
            figures = await ComputeFiguresAsync(onTimeDays, today, ct) with
            {
                Version = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{state.Audit}-{state.Movement}-{today:yyyyMMdd}-{onTimeDays}"),
            };
            cache.Set(key, figures, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 });
        }
        return figures with { Attention = state.Attention, HasReminders = state.HasReminders };
    }

    /// <summary>What one statement reads on every call (ADR 0826): the state of the data and what needs attention.</summary>
    private sealed record State(AuditState Audit, long? Movement, Attention Attention, bool HasReminders);

    /// <summary>
    /// A row of the state statement: part 0 is the one row of scalar subqueries (newest audit id, entries within AuditStateWindow of it (ADR 0529), newest movement id,
    /// open differences, failed mails, whether a reminder was written to a town: 1 or 0); each part 1 row is one (kind,
    /// group) of failed work. The reminders' test goes through the index on the wave id (wave ids are positive).
    /// </summary>
    private sealed class StateRow
    {
        public int Part { get; set; }
        public long? Audit { get; set; }
        public long? RecentAudit { get; set; }
        public long? Movement { get; set; }
        public long? Number { get; set; }
        public long? FailedMails { get; set; }
        public long? Reminders { get; set; }
        public string? Kind { get; set; }
        public string? WorkGroup { get; set; }
    }

    /// <summary>
    /// The newest audit id and movement id (the figures' key, ADR 0824) and every attention count, read fresh in ONE
    /// statement (ADR 0826): scalar subqueries in its first row, the failed work per kind and group in the rows after
    /// it (none when nothing failed). Table, column and enum values come from the EF model, so the same text runs on
    /// SQLite and PostgreSQL; it is built once per provider and kept in the host's cache.
    /// </summary>
    private async Task<State> ReadStateAsync(CancellationToken ct)
    {
        var sql = cache.GetOrCreate((nameof(ProgrammeFigures), "state-sql", db.Database.ProviderName), entry =>
        {
            entry.Size = 1;
            return StateSql(db);
        })!;
        var rows = await db.Database.SqlQueryRaw<StateRow>(sql.Text, sql.Parameters).ToListAsync(ct);
        var first = rows.Single(r => r.Part == 0);
        var work = rows.Where(r => r.Part == 1)
            .Select(w => new FailedWork(w.Kind!, WaveOfGroup(w.WorkGroup ?? ""), (int)(w.Number ?? 0)))
            .GroupBy(w => (w.Kind, w.WaveId))
            .Select(g => new FailedWork(g.Key.Kind, g.Key.WaveId, g.Sum(x => x.Count)))
            .OrderBy(w => w.WaveId).ThenBy(w => w.Kind, StringComparer.Ordinal)
            .ToList();
        return new State(new AuditState(first.Audit, first.RecentAudit ?? 0), first.Movement, new Attention((int)(first.Number ?? 0), (int)(first.FailedMails ?? 0), work), first.Reminders is > 0);
    }

    private sealed record Sql(string Text, object[] Parameters);

    private static Sql StateSql(AppDbContext db)
    {
        var helper = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        string Table<T>() where T : class
        {
            var entity = db.Model.FindEntityType(typeof(T))!;
            return helper.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        }
        string Column<T>(string property) where T : class
        {
            var entity = db.Model.FindEntityType(typeof(T))!;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            return helper.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(store)!);
        }
        object Stored<T>(string property, object value) where T : class
        {
            var converter = db.Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetTypeMapping().Converter;
            return converter is null ? value : converter.ConvertToProvider(value)!;
        }
        string Q(string name) => helper.DelimitIdentifier(name);
        var parameters = new object[]
        {
            Stored<ReceiptDifference>(nameof(ReceiptDifference.Resolution), DifferenceResolution.Open),
            Stored<OutboxEmail>(nameof(OutboxEmail.Status), OutboxEmailStatus.Failed),
            Stored<OutboxEmail>(nameof(OutboxEmail.Kind), OutboxEmailKind.ReceiptReminder),
            Stored<OutboxEmail>(nameof(OutboxEmail.Kind), OutboxEmailKind.DistributionReminder),
            Stored<WorkItem>(nameof(WorkItem.Status), WorkStatus.Failed),
        };
        var audit = AuditStateSql.Of();
        var text = $$"""
            SELECT 0 AS {{Q("Part")}},
                CAST({{audit.Newest}} AS BIGINT) AS {{Q("Audit")}},
                CAST({{audit.Recent}} AS BIGINT) AS {{Q("RecentAudit")}},
                CAST((SELECT MAX({{Column<StockMovement>(nameof(StockMovement.Id))}}) FROM {{Table<StockMovement>()}}) AS BIGINT) AS {{Q("Movement")}},
                CAST((SELECT COUNT(*) FROM {{Table<ReceiptDifference>()}} WHERE {{Column<ReceiptDifference>(nameof(ReceiptDifference.Resolution))}} = {0}) AS BIGINT) AS {{Q("Number")}},
                CAST((SELECT COUNT(*) FROM {{Table<OutboxEmail>()}} WHERE {{Column<OutboxEmail>(nameof(OutboxEmail.Status))}} = {1}) AS BIGINT) AS {{Q("FailedMails")}},
                CAST(CASE WHEN EXISTS (SELECT 1 FROM {{Table<OutboxEmail>()}} WHERE {{Column<OutboxEmail>(nameof(OutboxEmail.WaveId))}} > 0
                    AND {{Column<OutboxEmail>(nameof(OutboxEmail.Kind))}} IN ({2}, {3}) AND {{Column<OutboxEmail>(nameof(OutboxEmail.TownId))}} IS NOT NULL)
                    THEN 1 ELSE 0 END AS BIGINT) AS {{Q("Reminders")}},
                CAST(NULL AS TEXT) AS {{Q("Kind")}}, CAST(NULL AS TEXT) AS {{Q("WorkGroup")}}
            UNION ALL
            SELECT 1, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(COUNT(*) AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT),
                {{Column<WorkItem>(nameof(WorkItem.Kind))}}, {{Column<WorkItem>(nameof(WorkItem.Group))}}
            FROM {{Table<WorkItem>()}} WHERE {{Column<WorkItem>(nameof(WorkItem.Status))}} = {4}
            GROUP BY {{Column<WorkItem>(nameof(WorkItem.Kind))}}, {{Column<WorkItem>(nameof(WorkItem.Group))}}
            """;
        return new Sql(text, parameters);
    }

    private async Task<Dashboard> ComputeFiguresAsync(int onTimeDays, DateOnly today, CancellationToken ct)
    {
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder)
            .Select(b => new { b.Id, b.MinAge, b.MaxAge, b.Name }).ToListAsync(ct);
        var waves = await db.Waves.AsNoTracking().OrderBy(w => w.Number)
            .Select(w => new { w.Id, w.Number, w.Name, w.Status, Towns = w.Towns.Count }).ToListAsync(ct);
        var programmeTowns = await db.WaveTowns.AsNoTracking().Select(t => t.TownId).Distinct().CountAsync(ct);

        var allocated = await db.AllocationLines.AsNoTracking()
            .GroupBy(l => new { l.WaveId, l.AgeBandId })
            .Select(g => new { g.Key.WaveId, g.Key.AgeBandId, Quantity = g.Sum(l => (long)l.Quantity) })
            .ToDictionaryAsync(x => (x.WaveId, x.AgeBandId), x => x.Quantity, ct);

        // Shipped: the cartons of a delivery that has left, and replacement cartons (each leaves on its own day); the
        // ledger's Shipped movements say the same (the reconciliation test checks it).
        var shipped = await (from c in db.Cartons.AsNoTracking()
                             where c.ReplacesDifferenceId == null ? db.Shipments.Any(s => s.WaveId == c.WaveId && s.TownId == c.TownId) : c.DispatchedOn != null
                             join l in db.CartonLines on c.Id equals l.CartonId
                             select new { c.WaveId, l.AgeBandId, l.Quantity })
            .GroupBy(x => new { x.WaveId, x.AgeBandId })
            .Select(g => new { g.Key.WaveId, g.Key.AgeBandId, Quantity = g.Sum(x => (long)x.Quantity) })
            .ToDictionaryAsync(x => (x.WaveId, x.AgeBandId), x => x.Quantity, ct);

        var receivedPerBand = await received.PerWaveAndBandAsync(ct);

        // One pass over the distribution rows serves both the figures and completeness (ADR 0823).
        var totals = await DistributionTotals.PerTownAndBandAsync(db, ct);
        var distributed = totals.GroupBy(t => (t.WaveId, t.AgeBandId))
            .ToDictionary(g => g.Key, g => (Books: g.Sum(t => t.Books), Children: g.Sum(t => t.Children)));

        string Label(int id)
        {
            var b = bands.First(x => x.Id == id);
            return AgeBand.LabelOf(b.MinAge, b.MaxAge, b.Name);
        }

        BandFigures Band(int bandId, IEnumerable<int> waveIds)
        {
            var ids = waveIds.ToList();
            return new BandFigures(bandId, Label(bandId),
                ids.Sum(w => allocated.GetValueOrDefault((w, bandId))),
                ids.Sum(w => shipped.GetValueOrDefault((w, bandId))),
                ids.Sum(w => receivedPerBand.GetValueOrDefault((w, bandId))),
                ids.Sum(w => distributed.TryGetValue((w, bandId), out var d) ? d.Books : 0),
                ids.Sum(w => distributed.TryGetValue((w, bandId), out var d) ? d.Children : 0));
        }

        var allWaveIds = waves.Select(w => w.Id).ToList();
        var programme = new ScopeFigures(null, null, "Tout le programme", null, programmeTowns,
            bands.Select(b => Band(b.Id, allWaveIds)).ToList());
        var perWave = waves.Select(w => new ScopeFigures(w.Id, w.Number, w.Name, w.Status, w.Towns,
            bands.Select(b => Band(b.Id, [w.Id])).ToList())).ToList();

        var (programmeCompleteness, waveCompleteness, late) = await CompletenessAsync(waves.Select(w => (w.Id, w.Number, w.Name)).ToList(), totals, onTimeDays, today, ct);

        var stock = await db.Titles.AsNoTracking()
            .GroupBy(t => t.AgeBandId)
            .Select(g => new { AgeBandId = g.Key, OnHand = g.Sum(t => (long)t.OnHand), Reserved = g.Sum(t => (long)t.Reserved) })
            .ToDictionaryAsync(x => x.AgeBandId, ct);
        var stockBands = bands.Select(b => new StockBand(b.Id, Label(b.Id),
            stock.TryGetValue(b.Id, out var s) ? s.OnHand : 0, stock.TryGetValue(b.Id, out var s2) ? s2.Reserved : 0)).ToList();

        return new Dashboard(programme, perWave, programmeCompleteness, waveCompleteness, late, stockBands, new Attention(0, 0, []), onTimeDays);
    }

    private async Task<(CompletenessFigures, IReadOnlyList<CompletenessFigures>, IReadOnlyList<LateTown>)> CompletenessAsync(
        IReadOnlyList<(int Id, int Number, string Name)> waves, IReadOnlyList<DistributionTotals.Total> totals, int onTimeDays, DateOnly today, CancellationToken ct)
    {
        var shipments = await db.Shipments.AsNoTracking()
            .GroupBy(s => new { s.WaveId, s.TownId })
            .Select(g => new { g.Key.WaveId, g.Key.TownId, ExpectedOn = g.Min(s => s.ExpectedOn) })
            .ToListAsync(ct);
        var receipts = await db.Cartons.AsNoTracking()
            .Where(c => c.ReceiptState != CartonReceiptState.Awaiting)
            .GroupBy(c => new { c.WaveId, c.TownId })
            .Select(g => new { g.Key.WaveId, g.Key.TownId, FirstOn = g.Min(c => c.ReceivedOn) })
            .ToDictionaryAsync(x => (x.WaveId, x.TownId), x => x.FirstOn, ct);
        var firstRows = totals.GroupBy(t => (t.WaveId, t.TownId)).ToDictionary(g => g.Key, g => g.Min(t => t.FirstRecordedAtUtc));
        var townNames = await db.Towns.AsNoTracking()
            .Where(t => db.Shipments.Any(s => s.TownId == t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        var towns = shipments.Select(s =>
        {
            var confirmed = receipts.TryGetValue((s.WaveId, s.TownId), out var firstOn);
            // Delivery: the first carton recorded as arrived; the expected date while none is.
            var deliveredOn = firstOn ?? s.ExpectedOn;
            var recorded = firstRows.TryGetValue((s.WaveId, s.TownId), out var firstRow);
            var deadline = deliveredOn.AddDays(onTimeDays);
            var onTime = confirmed && recorded && DateOnly.FromDateTime(firstRow) <= deadline;
            return new { s.WaveId, s.TownId, deliveredOn, confirmed, recorded, onTime, late = !onTime && today > deadline };
        }).ToList();

        CompletenessFigures Count(int? waveId, string name, Func<int, bool> inScope)
        {
            var subset = towns.Where(t => inScope(t.WaveId)).ToList();
            return new CompletenessFigures(waveId, name, subset.Count, subset.Count(t => t.confirmed), subset.Count(t => t.recorded), subset.Count(t => t.onTime));
        }

        var programme = Count(null, "Tout le programme", _ => true);
        var perWave = waves.Select(w => Count(w.Id, w.Name, id => id == w.Id)).Where(c => c.DispatchedTowns > 0).ToList();
        var numbers = waves.ToDictionary(w => w.Id, w => w.Number);
        var late = towns.Where(t => t.late)
            .Select(t => new LateTown(t.WaveId, numbers.GetValueOrDefault(t.WaveId), t.TownId, townNames.GetValueOrDefault(t.TownId, "?"),
                t.deliveredOn, t.confirmed, t.recorded))
            .OrderBy(t => t.DeliveredOn).ThenBy(t => t.TownName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true))
            .ToList();
        return (programme, perWave, late);
    }

    /// <summary>Work groups end with ":wave:{id}" (PackingSlipWork.Group, AcknowledgementWork.Group).</summary>
    public static int? WaveOfGroup(string group)
    {
        const string marker = ":wave:";
        var at = group.LastIndexOf(marker, StringComparison.Ordinal);
        return at >= 0 && int.TryParse(group.AsSpan(at + marker.Length), out var id) ? id : null;
    }
}
