using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Receipt;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Reporting;

/// <summary>
/// What the staff home adds to <see cref="ProgrammeFigures"/> (ADR 0822): the waves waiting for a step, and the last
/// reminder sent to each late town. Grouped queries over all waves at once, like the figures.
/// </summary>
public sealed class DashboardFollowUp(AppDbContext db)
{
    public enum NextStep
    {
        /// <summary>A planning wave without towns.</summary>
        AddTowns,
        /// <summary>A planning wave with towns: prepare and confirm the allocation.</summary>
        Allocate,
        /// <summary>Allocated: produce the packing slips and mark the wave packed.</summary>
        Pack,
        /// <summary>Packed: record the shipments.</summary>
        Dispatch,
        /// <summary>Dispatched: towns confirm receipt (<see cref="WaitingWave.TownsWaiting"/> have not).</summary>
        AwaitReceipts,
        /// <summary>Delivered: towns record what they handed out (<see cref="WaitingWave.TownsWaiting"/> have not).</summary>
        AwaitDistributions,
    }

    /// <summary>An open wave and the step it waits for; TownsWaiting counts the towns that have not done theirs yet.</summary>
    public sealed record WaitingWave(int WaveId, int Number, string Name, WaveStatus Status, NextStep Step, int Towns, int TownsWaiting);

    /// <summary>The newest receipt or distribution reminder written for a town's delivery.</summary>
    public sealed record Reminder(int WaveId, int TownId, OutboxEmailKind Kind, OutboxEmailStatus Status, DateTime CreatedAtUtc, DateTime? SentAtUtc);

    public async Task<IReadOnlyList<WaitingWave>> WavesWaitingAsync(CancellationToken ct = default)
    {
        var waves = await db.Waves.AsNoTracking()
            .Where(w => w.Status != WaveStatus.Closed)
            .OrderBy(w => w.Number)
            .Select(w => new { w.Id, w.Number, w.Name, w.Status, Towns = w.Towns.Count })
            .ToListAsync(ct);
        // Towns of each wave that recorded at least one carton, and that recorded at least one distribution row.
        var confirmed = await db.Cartons.AsNoTracking()
            .Where(c => c.ReceiptState != CartonReceiptState.Awaiting)
            .Select(c => new { c.WaveId, c.TownId }).Distinct()
            .GroupBy(x => x.WaveId).Select(g => new { WaveId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.WaveId, x => x.Count, ct);
        var recorded = await (from r in db.DistributionReports.AsNoTracking()
                              where db.DistributionRows.Any(row => row.ReportId == r.Id)
                              group r by r.WaveId into g
                              select new { WaveId = g.Key, Count = g.Select(r => r.TownId).Distinct().Count() })
            .ToDictionaryAsync(x => x.WaveId, x => x.Count, ct);

        return waves.Select(w =>
        {
            var (step, waiting) = w.Status switch
            {
                WaveStatus.Planning when w.Towns == 0 => (NextStep.AddTowns, 0),
                WaveStatus.Planning => (NextStep.Allocate, w.Towns),
                WaveStatus.Allocated => (NextStep.Pack, w.Towns),
                WaveStatus.Packed => (NextStep.Dispatch, w.Towns),
                WaveStatus.Dispatched => (NextStep.AwaitReceipts, Math.Max(0, w.Towns - confirmed.GetValueOrDefault(w.Id))),
                _ => (NextStep.AwaitDistributions, Math.Max(0, w.Towns - recorded.GetValueOrDefault(w.Id))),
            };
            return new WaitingWave(w.Id, w.Number, w.Name, w.Status, step, w.Towns, waiting);
        }).ToList();
    }

    /// <summary>The last receipt or distribution reminder of each (wave, town), whatever its sending state.</summary>
    public async Task<IReadOnlyDictionary<(int WaveId, int TownId), Reminder>> LastRemindersAsync(CancellationToken ct = default)
    {
        var rows = await db.OutboxEmails.AsNoTracking()
            .Where(m => (m.Kind == OutboxEmailKind.ReceiptReminder || m.Kind == OutboxEmailKind.DistributionReminder)
                && m.WaveId != null && m.TownId != null)
            .Select(m => new { m.Id, WaveId = m.WaveId!.Value, TownId = m.TownId!.Value, m.Kind, m.Status, m.CreatedAtUtc, m.SentAtUtc })
            .ToListAsync(ct);
        return rows.GroupBy(m => (m.WaveId, m.TownId))
            .Select(g => g.OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id).First())
            .ToDictionary(m => (m.WaveId, m.TownId), m => new Reminder(m.WaveId, m.TownId, m.Kind, m.Status, m.CreatedAtUtc, m.SentAtUtc));
    }
}
