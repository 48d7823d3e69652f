using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Receipt;

/// <summary>Who records a receipt: a coordinator sees only the cartons of their towns; staff see every carton.</summary>
public sealed record ReceiptUser(string? UserId, bool IsStaff);

/// <summary>
/// Recording receipt carton by carton. One transaction per call: the carton's receipt, its differences, the shipment
/// becoming « réceptionnée » when every carton of the town is received, the wave becoming « livrée » when every town is,
/// the acknowledgement of receipt asked for (a work row), and the audit rows commit together. Transactions on SQLite
/// take the write lock when they begin and the carton's revision is a concurrency token, so two confirmations of one
/// carton give one receipt: the second finds it recorded and changes nothing.
/// </summary>
public sealed class CartonReceipts(AppDbContext db, WorkQueue queue, TimeProvider clock, IActor actor, IOptions<ReceiptOptions> options)
{
    public sealed record Result(bool Changed, string CartonLabel, bool ShipmentReceived, bool WaveDelivered);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The cartons the user may see: a coordinator's towns only (the access rule), every carton for staff.</summary>
    public IQueryable<Carton> CartonsFor(ReceiptUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // A coordinator sees the cartons of their own towns, and only of waves whose allocation stands (ADR 0502).
        return user.IsStaff ? db.Cartons : db.Cartons.Where(c => db.TownIdsCoordinatedBy(user.UserId).Contains(c.TownId)
            && db.WaveIdsWithConfirmedAllocation().Contains(c.WaveId));
    }

    public Task<Result> ConfirmAsync(ReceiptUser user, string code, DateOnly? receivedOn, CancellationToken ct = default) =>
        ChangeAsync(user, code, receivedOn, (carton, context) => carton.ConfirmReceipt(context), ct);

    public Task<Result> ReportDifferencesAsync(ReceiptUser user, string code, DateOnly? receivedOn, IReadOnlyList<DifferenceInput> lines, CancellationToken ct = default) =>
        ChangeAsync(user, code, receivedOn, (carton, context) => carton.ReportDifferences(lines, context), ct);

    public Task<Result> MarkNotReceivedAsync(ReceiptUser user, string code, DateOnly? on, CancellationToken ct = default) =>
        ChangeAsync(user, code, on, (carton, context) => carton.MarkNotReceived(context), ct);

    /// <summary>Cartons of a town's delivery still awaiting receipt, for "confirm all remaining".</summary>
    public Task<int> RemainingAsync(ReceiptUser user, int waveId, int townId, CancellationToken ct = default) =>
        CartonsFor(user).CountAsync(c => c.WaveId == waveId && c.TownId == townId && c.ReceiptState == CartonReceiptState.Awaiting
            && (c.ReplacesDifferenceId == null || c.DispatchedOn != null), ct);

    /// <summary>
    /// Every carton of the delivery still awaiting receipt is confirmed as conforming. <paramref name="expected"/> is the
    /// number the user agreed to: if it changed meanwhile (someone reported a carton), nothing is written. Returns how
    /// many were confirmed; 0 when none was left (a second identical post).
    /// </summary>
    public async Task<int> ConfirmAllRemainingAsync(ReceiptUser user, int waveId, int townId, int expected, DateOnly? receivedOn, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cartons = await CartonsFor(user).Include(c => c.Lines).Include(c => c.Differences)
            .Where(c => c.WaveId == waveId && c.TownId == townId)
            .ToListAsync(ct);
        if (cartons.Count == 0)
        {
            throw new CartonNotFoundException();
        }
        // A replacement carton not dispatched yet is not on its way: it is not confirmed with the others.
        var remaining = cartons.Where(c => c.ReceiptState == CartonReceiptState.Awaiting && !c.AwaitsOwnDispatch).OrderBy(c => c.Number).ToList();
        if (remaining.Count == 0)
        {
            return 0;
        }
        if (remaining.Count != expected)
        {
            throw new DomainException(
                $"Il reste maintenant {remaining.Count} carton(s) à confirmer, et non {expected} : vérifiez la liste, puis confirmez de nouveau.");
        }
        var shipment = await ShipmentAsync(waveId, townId, ct);
        foreach (var carton in remaining)
        {
            carton.ConfirmReceipt(Context(carton, shipment, receivedOn, user));
        }
        if (!await SaveAsync(ct))
        {
            return 0;
        }
        var (_, _, work) = await FollowUpAsync(waveId, townId, shipment, ct);
        await transaction.CommitAsync(ct);
        queue.Enqueue(work);
        return remaining.Count;
    }

    private async Task<Result> ChangeAsync(ReceiptUser user, string code, DateOnly? receivedOn, Func<Carton, ReceiptContext, bool> change, CancellationToken ct)
    {
        if (!CartonCode.IsValid(code))
        {
            throw new CartonNotFoundException();
        }
        var normalized = CartonCode.Normalize(code);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var carton = await CartonsFor(user).Include(c => c.Lines).Include(c => c.Differences)
            .SingleOrDefaultAsync(c => c.Code == normalized, ct)
            ?? throw new CartonNotFoundException();
        var label = $"Carton {carton.Number} / {carton.Count}";
        var shipment = await ShipmentAsync(carton.WaveId, carton.TownId, ct);
        if (!change(carton, Context(carton, shipment, receivedOn, user)))
        {
            return new Result(false, label, shipment?.IsReceived == true, false);
        }
        if (!await SaveAsync(ct))
        {
            return new Result(false, label, shipment?.IsReceived == true, false);
        }
        var (shipmentReceived, waveDelivered, work) = await FollowUpAsync(carton.WaveId, carton.TownId, shipment, ct);
        await transaction.CommitAsync(ct);
        queue.Enqueue(work);
        return new Result(true, label, shipmentReceived, waveDelivered);
    }

    private ReceiptContext Context(Carton carton, Shipment? shipment, DateOnly? receivedOn, ReceiptUser user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        // A replacement carton leaves on its own day (none until staff dispatch it); the others with their town's shipment.
        var dispatchedOn = carton.IsReplacement ? carton.DispatchedOn : shipment?.DispatchedOn;
        return new ReceiptContext(dispatchedOn, receivedOn ?? today, today, now, actor.Name, user.IsStaff,
            options.Value.CoordinatorCorrectionDays);
    }

    private Task<Shipment?> ShipmentAsync(int waveId, int townId, CancellationToken ct) =>
        db.Shipments.SingleOrDefaultAsync(s => s.WaveId == waveId && s.TownId == townId, ct);

    /// <summary>False when another writer changed the carton first (its revision moved): nothing of ours is kept.</summary>
    private Task<bool> SaveAsync(CancellationToken ct) => db.SaveUnlessOvertakenAsync(ct: ct);

    /// <summary>
    /// After a receipt change (saved in the open transaction): the shipment is received when no carton of the town
    /// awaits any more, the wave delivered when every town's shipment is; the acknowledgement is (re)made whenever the
    /// town's receipt is complete, so a correction shows in it.
    /// </summary>
    private async Task<(bool ShipmentReceived, bool WaveDelivered, IReadOnlyList<WorkItem> Work)> FollowUpAsync(
        int waveId, int townId, Shipment? shipment, CancellationToken ct)
    {
        var cartons = await db.Cartons.AsNoTracking().Where(c => c.WaveId == waveId && c.TownId == townId)
            .Select(c => new { c.ReceiptState, c.ReceivedOn }).ToListAsync(ct);
        if (shipment is null || cartons.Any(c => c.ReceiptState == CartonReceiptState.Awaiting))
        {
            return (false, false, []);
        }
        var work = new List<WorkItem>();
        if (!shipment.IsReceived)
        {
            shipment.MarkReceived(cartons.Max(c => c.ReceivedOn!.Value));
        }
        work.Add(await AcknowledgementWork.RequestAsync(queue, db, waveId, townId, ct));
        var wave = await db.Waves.SingleAsync(w => w.Id == waveId, ct);
        var towns = await db.WaveTowns.CountAsync(t => t.WaveId == waveId, ct);
        var others = await db.Shipments.Where(s => s.WaveId == waveId && s.TownId != townId && s.ReceivedOn != null)
            .Select(s => s.ReceivedOn!.Value).ToListAsync(ct);
        var delivered = false;
        if (wave.Status == WaveStatus.Dispatched && others.Count + 1 == towns)
        {
            wave.MarkDelivered(others.Append(shipment.ReceivedOn!.Value).Max());
            delivered = true;
        }
        await db.SaveChangesAsync(ct);
        return (true, delivered, work);
    }
}
