using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Stock;
using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Receipt;

/// <summary>
/// Staff resolve an open difference, once: by a write-off (a ledger row « perdu / abîmé en transport », counters
/// unchanged since the copies were shipped) or by a replacement (the copies reserved again through the ledger, a new
/// carton with its own code and slip, which staff then dispatch like a shipment). Either way the town's coordinators are notified.
/// One transaction per call; the difference's resolution is a concurrency token, so it cannot be resolved twice.
/// </summary>
public sealed class ReceiptResolutions(AppDbContext db, StockLedger ledger, WorkQueue queue, IReceiptNotifications notifications, TimeProvider clock, IActor actor)
{
    public sealed record Resolved(string TownName, string Title, int Quantity, string? ReplacementCode);

    public async Task<Resolved> WriteOffAsync(int differenceId, string note, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (difference, carton, town, title) = await LoadAsync(differenceId, ct);
        difference.WriteOff(note, Now, actor.Name);
        await ledger.RecordLostInTransitAsync(difference.TitleId, difference.Quantity, carton.WaveId, carton.TownId,
            $"Perdu / abîmé en transport ({ReceiptText.Of(difference.Reason)}) — carton {CartonCode.Display(carton.Code)} de {town} : {difference.ResolutionNote}");
        await notifications.DifferenceResolvedAsync(db, carton.TownId, difference, ct);
        await SaveOrRefuseAsync(ct);
        await transaction.CommitAsync(ct);
        return new Resolved(town, title, difference.Quantity, null);
    }

    public async Task<Resolved> ReplaceAsync(int differenceId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (difference, carton, town, title) = await LoadAsync(differenceId, ct);
        difference.EnsureOpen();
        var wave = await db.Waves.AsNoTracking().Where(w => w.Id == carton.WaveId).Select(w => w.Number).SingleAsync(ct);
        await ledger.ReserveAsync(difference.TitleId, difference.Quantity, carton.WaveId, carton.TownId,
            $"Remplacement pour la vague {wave} à {town} (carton {CartonCode.Display(carton.Code)}, {ReceiptText.Of(difference.Reason)})");
        var number = await db.Cartons.Where(c => c.WaveId == carton.WaveId && c.TownId == carton.TownId).MaxAsync(c => c.Number, ct) + 1;
        var code = await CartonCode.NewUniqueAsync((c, token) => db.Cartons.AnyAsync(x => x.Code == c, token), ct);
        var replacement = Carton.Replacement(carton.WaveId, carton.TownId, number, code, Now, difference.Id);
        replacement.AddLine(difference.TitleId, difference.AgeBandId, difference.Quantity);
        db.Cartons.Add(replacement);
        difference.Replace(replacement, Now, actor.Name);
        await notifications.DifferenceResolvedAsync(db, carton.TownId, difference, ct);
        await SaveOrRefuseAsync(ct);
        // The copies stay reserved until staff dispatch the carton (WaveDispatch.DispatchReplacementAsync ships them).
        var work = await ReplacementSlipWork.RequestAsync(queue, db, replacement, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        queue.Enqueue([work]);
        return new Resolved(town, title, difference.Quantity, code);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<(ReceiptDifference Difference, Carton Carton, string Town, string Title)> LoadAsync(int differenceId, CancellationToken ct)
    {
        var difference = await db.ReceiptDifferences.SingleOrDefaultAsync(d => d.Id == differenceId, ct)
            ?? throw new DomainException("Cet écart n'existe pas (ou plus : la réception a été corrigée).");
        var carton = await db.Cartons.AsNoTracking().SingleAsync(c => c.Id == difference.CartonId, ct);
        var town = await db.Towns.AsNoTracking().Where(t => t.Id == carton.TownId).Select(t => t.Name).SingleAsync(ct);
        var title = await db.Titles.AsNoTracking().Where(t => t.Id == difference.TitleId).Select(t => t.Name).SingleAsync(ct);
        return (difference, carton, town, title);
    }

    private async Task SaveOrRefuseAsync(CancellationToken ct)
    {
        if (!await db.SaveUnlessOvertakenAsync(ct: ct))
        {
            throw new DifferenceAlreadyResolvedException("Cet écart vient d'être traité par quelqu'un d'autre : rien n'a été fait.");
        }
    }
}
