using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Mail;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Dispatch;

/// <summary>
/// Dispatching a packed wave, town by town or all ready towns at once. One transaction per call: the shipments, the
/// ledger's reserved → shipped movements, the wave's status and the audit rows commit together or not at all.
/// </summary>
public sealed class WaveDispatch(AppDbContext db, StockLedger ledger, TimeProvider clock, IActor actor, IMailScheduler mails)
{
    /// <param name="TownsWithoutNotice">Towns whose coordinator has no mail address: no notice could be written.</param>
    public sealed record DispatchResult(IReadOnlyList<string> Towns, bool WaveDispatched, IReadOnlyList<string> TownsWithoutNotice);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>What the form shows before staff change anything: today, and three working days later.</summary>
    public DispatchDetails DefaultDetails() => DefaultDetails(Today);

    public static DispatchDetails DefaultDetails(DateOnly dispatchedOn) =>
        new(dispatchedOn, WorkingDays.Add(dispatchedOn, Shipment.DefaultTransitWorkingDays), null, null);

    /// <summary>Towns of the wave not dispatched yet (with their slip ready or not).</summary>
    public Task<List<int>> TownsNotDispatchedAsync(int waveId, CancellationToken ct = default) =>
        db.WaveTowns.AsNoTracking()
            .Where(t => t.WaveId == waveId && !db.Shipments.Any(s => s.WaveId == waveId && s.TownId == t.TownId))
            .Select(t => t.TownId).ToListAsync(ct);

    public Task<DispatchResult> DispatchTownAsync(int waveId, int townId, DispatchDetails details, CancellationToken ct = default) =>
        DispatchAsync(waveId, [townId], details, ct);

    /// <summary>Every town not dispatched yet leaves with the same details. Refused when none is left.</summary>
    public async Task<DispatchResult> DispatchAllReadyAsync(int waveId, DispatchDetails details, CancellationToken ct = default)
    {
        var towns = await TownsNotDispatchedAsync(waveId, ct);
        if (towns.Count == 0)
        {
            throw new AlreadyDispatchedException("Toutes les villes de cette vague sont déjà expédiées.");
        }
        return await DispatchAsync(waveId, towns, details, ct);
    }

    private async Task<DispatchResult> DispatchAsync(int waveId, IReadOnlyList<int> townIds, DispatchDetails details, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var wave = await db.Waves.Include(w => w.Towns).ThenInclude(t => t.Town).SingleOrDefaultAsync(w => w.Id == waveId, ct)
            ?? throw new DispatchNotReadyException("Cette vague n'existe pas.");
        var dispatched = await db.Shipments.Where(s => s.WaveId == waveId).Select(s => s.TownId).ToListAsync(ct);
        var slips = await db.GeneratedDocuments
            .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.WaveId == waveId && d.TownId != null)
            .Select(d => d.TownId!.Value).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Today;
        var shipments = new List<Shipment>();
        // Validate every town before writing anything.
        foreach (var townId in townIds)
        {
            shipments.Add(Shipment.Dispatch(wave, townId, slips.Contains(townId), dispatched.Contains(townId), details, today, now, actor.Name));
        }

        foreach (var shipment in shipments)
        {
            var town = wave.Towns.Single(t => t.TownId == shipment.TownId).Town;
            var perTitle = await db.AllocationLines.AsNoTracking()
                .Where(l => l.WaveId == waveId && l.TownId == shipment.TownId)
                .GroupBy(l => l.TitleId)
                .Select(g => new { TitleId = g.Key, Quantity = g.Sum(l => l.Quantity) })
                .OrderBy(g => g.TitleId)
                .ToListAsync(ct);
            foreach (var line in perTitle)
            {
                await ledger.ShipAsync(line.TitleId, line.Quantity, waveId, shipment.TownId, $"Expédition de la vague {wave.Number} à {town.Name}");
            }
            db.Shipments.Add(shipment);
        }

        var waveDispatched = wave.Towns.All(t => dispatched.Contains(t.TownId) || townIds.Contains(t.TownId));
        if (waveDispatched)
        {
            wave.MoveTo(WaveStatus.Dispatched);
        }
        await db.SaveChangesAsync(ct);
        // The delivery notices commit with the dispatch (their rows need the shipments' ids, hence a second save).
        var withoutNotice = new List<string>();
        foreach (var shipment in shipments)
        {
            var town = wave.Towns.Single(t => t.TownId == shipment.TownId).Town;
            if (DeliveryMails.Notice(shipment, town, now) is { } notice)
            {
                db.OutboxEmails.Add(notice);
            }
            else
            {
                withoutNotice.Add(town.Name);
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        mails.SendSoon();
        var names = shipments.Select(s => wave.Towns.Single(t => t.TownId == s.TownId).Town.Name).ToList();
        return new DispatchResult(names, waveDispatched, withoutNotice);
    }

    /// <summary>
    /// Staff dispatch a replacement carton (issue 14) like a shipment: its copies move reserved → shipped in the ledger,
    /// its dispatch details are recorded on the carton, and its delivery notice (its own slip and an .ics) is written,
    /// all in one transaction. Refused before its slip is ready and when it already left.
    /// </summary>
    public async Task<string> DispatchReplacementAsync(int cartonId, DispatchDetails details, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var carton = await db.Cartons.Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == cartonId, ct)
            ?? throw new DispatchNotReadyException("Ce carton n'existe pas.");
        var slipReady = await db.GeneratedDocuments.AnyAsync(d => d.Kind == Receipt.ReplacementSlipWork.DocumentKind
            && d.OwnerKey == Receipt.ReplacementSlipWork.OwnerKey(carton.Id), ct);
        carton.DispatchReplacement(details, slipReady, Today, actor.Name);
        var town = await db.Towns.SingleAsync(t => t.Id == carton.TownId, ct);
        var code = CartonCode.Display(carton.Code);
        foreach (var line in carton.Lines.OrderBy(l => l.TitleId))
        {
            await ledger.ShipAsync(line.TitleId, line.Quantity, carton.WaveId, carton.TownId, $"Expédition du carton de remplacement {code} à {town.Name}");
        }
        var shipmentId = await db.Shipments.Where(s => s.WaveId == carton.WaveId && s.TownId == carton.TownId).Select(s => (int?)s.Id).SingleOrDefaultAsync(ct);
        var notice = DeliveryMails.ReplacementNotice(carton, shipmentId, town, clock.GetUtcNow().UtcDateTime);
        if (notice is not null)
        {
            db.OutboxEmails.Add(notice);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        mails.SendSoon();
        return notice is null
            ? $"Carton de remplacement {code} expédié. Aucun avis de livraison : la coordination {Text.French.De(town.Name)} n’a pas d'adresse électronique valide (complétez la fiche de la ville)."
            : $"Carton de remplacement {code} expédié : l'avis de livraison part vers la coordination {Text.French.De(town.Name)}.";
    }

    /// <summary>Moves a shipment's expected delivery day. False when the day is the same (a second identical post).</summary>
    public async Task<bool> ChangeExpectedDateAsync(int shipmentId, DateOnly expectedOn, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var shipment = await db.Shipments.SingleOrDefaultAsync(s => s.Id == shipmentId, ct)
            ?? throw new DomainException("Cette expédition n'existe pas.");
        var previous = shipment.ExpectedOn;
        if (!shipment.ChangeExpectedDate(expectedOn))
        {
            return false;
        }
        var town = await db.Towns.SingleAsync(t => t.Id == shipment.TownId, ct);
        if (DeliveryMails.DateChanged(shipment, town, previous, clock.GetUtcNow().UtcDateTime) is { } mail)
        {
            db.OutboxEmails.Add(mail);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        mails.SendSoon();
        return true;
    }

    /// <summary>Staff pause or resume the reminders of one delivery (audited through the shipment). False if already so.</summary>
    public async Task<bool> SetRemindersPausedAsync(int shipmentId, bool paused, CancellationToken ct = default)
    {
        var shipment = await db.Shipments.SingleOrDefaultAsync(s => s.Id == shipmentId, ct)
            ?? throw new DomainException("Cette expédition n'existe pas.");
        if (shipment.RemindersPaused == paused)
        {
            return false;
        }
        if (paused)
        {
            shipment.PauseReminders();
        }
        else
        {
            shipment.ResumeReminders();
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
