using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Allocation;

/// <summary>What undoing an allocation removed besides its lines.</summary>
public sealed record UndoOutcome(int CartonsRemoved, int SlipsRemoved);

/// <summary>A band of the wave, in age order.</summary>
public sealed record PlanBand(int Id, string Label);

/// <summary>What the preview page shows: the allocator's result plus the names to display it.</summary>
public sealed record PlanPreview(
    int WaveId,
    IReadOnlyList<PlanBand> Bands,
    AllocationResult Result,
    IReadOnlyDictionary<int, string> TownNames,
    IReadOnlyDictionary<int, string> TitleNames,
    IReadOnlyList<BandFill> Fills)
{
    public int TotalShortfall => Result.Towns.Sum(t => t.Shortfall);

    /// <summary>Bands where at least one town misses books: the bands that may be filled from a neighbour.</summary>
    public IReadOnlyList<int> BandsShort => Bands.Select(b => b.Id)
        .Where(id => Result.Towns.Any(t => t.Bands.Any(b => b.BandId == id && b.Shortfall > 0)))
        .ToList();

    /// <summary>The neighbours of a band (the one before and the one after in age order).</summary>
    public IReadOnlyList<PlanBand> NeighboursOf(int bandId)
    {
        var i = Bands.ToList().FindIndex(b => b.Id == bandId);
        return new[] { i - 1, i + 1 }.Where(j => i >= 0 && j >= 0 && j < Bands.Count).Select(j => Bands[j]).ToList();
    }
}

/// <summary>
/// Staff's planning of a wave: builds the allocation request from the database, previews it, confirms it (allocation
/// lines + reservations in the ledger, in one transaction), undoes it, and edits one town's lines afterwards.
/// See docs/decisions/0301-wave-planning.md.
/// </summary>
public sealed class WavePlanning(AppDbContext db, StockLedger ledger, IOptions<AllocationOptions> options)
{
    private int Cap => options.Value.MaxCopiesPerTitle;

    public async Task<IReadOnlyList<PlanBand>> BandsAsync() =>
        (await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.MinAge)
            .Select(b => new { b.Id, b.Name, b.MinAge, b.MaxAge }).ToListAsync())
        .Select(b => new PlanBand(b.Id, AgeBand.LabelOf(b.MinAge, b.MaxAge, b.Name)))
        .ToList();

    /// <summary>The allocator's input, read from the database as it is now.</summary>
    public async Task<AllocationRequest> BuildRequestAsync(int waveId, IReadOnlyList<BandFill> fills)
    {
        var bandIds = (await BandsAsync()).Select(b => b.Id).ToList();
        var towns = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == waveId)
            .Select(wt => new { wt.TownId, wt.Town.Quota })
            .ToListAsync();
        var townIds = towns.Select(t => t.TownId).ToList();
        var children = await db.TownChildrenCounts.AsNoTracking().Where(c => townIds.Contains(c.TownId))
            .Select(c => new { c.TownId, c.AgeBandId, c.Children })
            .ToListAsync();
        var wishes = await db.TownWishes.AsNoTracking().Where(w => w.WaveId == waveId)
            .Select(w => new { w.TownId, w.TitleId })
            .ToListAsync();

        var stock = await db.Titles.AsNoTracking().Where(t => t.Available > 0)
            .Select(t => new
            {
                t.Id,
                t.AgeBandId,
                t.Available,
                Oldest = db.StockMovements.Where(m => m.TitleId == t.Id && m.Kind == StockMovementKind.DonationReceived)
                    .Min(m => (DateOnly?)m.OccurredOn)
                    ?? db.StockMovements.Where(m => m.TitleId == t.Id).Min(m => (DateOnly?)m.OccurredOn),
            })
            .ToListAsync();

        var allocationTowns = towns.Select(t => AllocationTown.WithQuota(
                t.TownId,
                t.Quota,
                bandIds,
                children.Where(c => c.TownId == t.TownId && bandIds.Contains(c.AgeBandId)).ToDictionary(c => c.AgeBandId, c => c.Children),
                wishes.Where(w => w.TownId == t.TownId).Select(w => w.TitleId).ToList()))
            .ToList();
        var stockLines = stock.Where(s => bandIds.Contains(s.AgeBandId))
            .Select(s => new StockLine(s.Id, s.AgeBandId, s.Available, s.Oldest ?? DateOnly.MaxValue))
            .ToList();
        return new AllocationRequest(bandIds, allocationTowns, stockLines,
            new AllocationSettings { MaxCopiesPerTitle = Cap, Fills = fills });
    }

    /// <summary>What the allocation would be now. Writes nothing.</summary>
    public async Task<PlanPreview> PreviewAsync(int waveId, IReadOnlyList<BandFill> fills)
    {
        var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId)
            ?? throw new DomainException("Cette vague n'existe pas.");
        var bands = await BandsAsync();
        var request = await BuildRequestAsync(wave.Id, fills);
        var result = WaveAllocator.Allocate(request);
        var titleIds = result.Towns.SelectMany(t => t.Bands).SelectMany(b => b.Lines).Select(l => l.TitleId).Distinct().ToList();
        var titleNames = await db.Titles.AsNoTracking().Where(t => titleIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name);
        var townNames = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == waveId)
            .Select(wt => new { wt.TownId, wt.Town.Name }).ToDictionaryAsync(t => t.TownId, t => t.Name);
        return new PlanPreview(waveId, bands, result, townNames, titleNames, fills);
    }

    /// <summary>
    /// Recomputes the allocation inside one transaction, writes its lines and reserves every line in the ledger, then
    /// marks the wave allocated. A shortfall is refused unless <paramref name="acceptShortfall"/>. If the stock changed
    /// meanwhile and a reservation fails, nothing is written.
    /// </summary>
    public async Task<AllocationResult> ConfirmAsync(int waveId, IReadOnlyList<BandFill> fills, bool acceptShortfall)
    {
        // SQLite's BEGIN IMMEDIATE: the write lock is taken before the stock is read, so a concurrent confirmation
        // computes on the stock this one leaves. The ledger's guarded UPDATE is the last word on any database.
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var wave = await db.Waves.SingleOrDefaultAsync(w => w.Id == waveId)
                ?? throw new DomainException("Cette vague n'existe pas.");
            if (!wave.IsPlanning)
            {
                throw new DomainException($"La vague {wave.Number} n'est pas en préparation (état : {WaveStatusText.Of(wave.Status)}) : sa dotation ne peut pas être confirmée.");
            }
            if (!await db.WaveTowns.AnyAsync(wt => wt.WaveId == waveId))
            {
                throw new DomainException($"La vague {wave.Number} n'a aucune ville : ajoutez des villes avant de confirmer.");
            }
            if (await db.AllocationLines.AnyAsync(l => l.WaveId == waveId))
            {
                throw new DomainException($"La vague {wave.Number} a déjà des lignes de dotation : annulez-les d'abord.");
            }
            var result = WaveAllocator.Allocate(await BuildRequestAsync(waveId, fills));
            var shortfall = result.Towns.Sum(t => t.Shortfall);
            if (shortfall > 0 && !acceptShortfall)
            {
                throw new DomainException(
                    $"Il manque {shortfall} livre(s) pour atteindre les objectifs. Cochez « J'accepte le manque » ou complétez depuis une tranche d'âge voisine.",
                    "AcceptShortfall");
            }

            var lines = result.Towns
                .SelectMany(t => t.Bands.SelectMany(b => b.Lines.Select(l =>
                    new AllocationLine(waveId, t.TownId, l.TitleId, b.BandId, l.SourceBandId, l.Quantity, l.Wished))))
                .ToList();
            if (lines.Count == 0)
            {
                throw new DomainException("Aucun livre disponible : il n'y a rien à réserver pour cette vague.");
            }
            foreach (var line in lines)
            {
                await ledger.ReserveAsync(line.TitleId, line.Quantity, waveId, line.TownId, $"Dotation de la vague {wave.Number}");
            }
            db.AllocationLines.AddRange(lines);
            wave.MoveTo(WaveStatus.Allocated);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return result;
        }
        catch (StockShortageException e)
        {
            db.ChangeTracker.Clear();
            throw new DomainException(
                $"Le stock a changé depuis l'aperçu et la dotation ne tient plus : rien n'a été réservé. {e.Message} Rechargez l'aperçu.");
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>
    /// Releases every line of the wave, deletes them and puts the wave back in planning, in one transaction. Cartons,
    /// packing slips and slip work made from that allocation go in the same transaction: they described an allocation
    /// that no longer exists (ADR 0502). Returns what was removed, for the page to say.
    /// </summary>
    public async Task<UndoOutcome> UndoAsync(int waveId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var wave = await db.Waves.SingleOrDefaultAsync(w => w.Id == waveId)
                ?? throw new DomainException("Cette vague n'existe pas.");
            if (!wave.AllocationEditable)
            {
                throw new DomainException($"La dotation de la vague {wave.Number} ne peut être annulée que tant que ses livres sont seulement réservés (état : {WaveStatusText.Of(wave.Status)}).");
            }
            // Released from untracked rows first: the ledger looks for a tracked title after each call, and with
            // thousands of tracked lines that scan (and its change detection) made an undo take a minute.
            var toRelease = await db.AllocationLines.AsNoTracking().Where(l => l.WaveId == waveId)
                .Select(l => new { l.TitleId, l.Quantity, l.TownId }).ToListAsync();
            foreach (var line in toRelease)
            {
                await ledger.ReleaseAsync(line.TitleId, line.Quantity, waveId, line.TownId, $"Annulation de la dotation de la vague {wave.Number}");
            }
            db.AllocationLines.RemoveRange(await db.AllocationLines.Where(l => l.WaveId == waveId).ToListAsync());
            var cartons = await db.Cartons.Include(c => c.Lines).Where(c => c.WaveId == waveId).ToListAsync();
            db.Cartons.RemoveRange(cartons);
            var slips = await db.GeneratedDocuments
                .Where(d => d.Kind == Packing.PackingSlipWork.DocumentKind && d.WaveId == waveId).ToListAsync();
            db.GeneratedDocuments.RemoveRange(slips);
            var group = Packing.PackingSlipWork.Group(waveId);
            db.WorkItems.RemoveRange(await db.WorkItems.Where(w => w.Group == group).ToListAsync());
            wave.MoveTo(WaveStatus.Planning);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return new UndoOutcome(cartons.Count, slips.Count);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>Changes the copies of one line: reserves or releases the difference.</summary>
    public Task ChangeQuantityAsync(int waveId, int townId, int lineId, int quantity) => EditAsync(waveId, townId, lineId, async (wave, line) =>
    {
        if (quantity < 1)
        {
            throw new DomainException("La quantité doit être au moins 1 ; retirez la ligne pour ne plus donner ce titre.", "Quantity");
        }
        if (quantity > Cap)
        {
            throw new DomainException($"Au plus {Cap} exemplaire(s) d'un même titre par ville.", "Quantity");
        }
        var delta = quantity - line.Quantity;
        if (delta > 0)
        {
            await ledger.ReserveAsync(line.TitleId, delta, waveId, townId, $"Dotation de la vague {wave.Number} modifiée");
        }
        else if (delta < 0)
        {
            await ledger.ReleaseAsync(line.TitleId, -delta, waveId, townId, $"Dotation de la vague {wave.Number} modifiée");
        }
        line.ChangeQuantity(quantity);
    });

    /// <summary>Replaces a line's title by another available title of the same band, same quantity.</summary>
    public Task SwapTitleAsync(int waveId, int townId, int lineId, int newTitleId) => EditAsync(waveId, townId, lineId, async (wave, line) =>
    {
        var title = await db.Titles.AsNoTracking().Where(t => t.Id == newTitleId)
            .Select(t => new { t.Id, t.AgeBandId, t.Available }).SingleOrDefaultAsync()
            ?? throw new DomainException("Choisissez un titre du stock.", "TitleId");
        if (title.Id == line.TitleId)
        {
            throw new DomainException("Choisissez un autre titre que celui de la ligne.", "TitleId");
        }
        if (title.AgeBandId != line.AgeBandId && title.AgeBandId != line.SourceAgeBandId)
        {
            throw new DomainException("Le titre de remplacement doit être de la même tranche d'âge.", "TitleId");
        }
        if (await db.AllocationLines.AnyAsync(l => l.WaveId == waveId && l.TownId == townId && l.TitleId == newTitleId))
        {
            throw new DomainException("Ce titre fait déjà partie de la dotation de la ville : changez plutôt sa quantité.", "TitleId");
        }
        var reason = $"Dotation de la vague {wave.Number} : titre remplacé";
        await ledger.ReleaseAsync(line.TitleId, line.Quantity, waveId, townId, reason);
        await ledger.ReserveAsync(newTitleId, line.Quantity, waveId, townId, reason);
        var wished = await db.TownWishes.AnyAsync(w => w.WaveId == waveId && w.TownId == townId && w.TitleId == newTitleId);
        db.AllocationLines.Remove(line);
        db.AllocationLines.Add(new AllocationLine(waveId, townId, newTitleId, line.AgeBandId, title.AgeBandId, line.Quantity, wished));
    });

    /// <summary>Removes a line and releases its copies.</summary>
    public Task RemoveLineAsync(int waveId, int townId, int lineId) => EditAsync(waveId, townId, lineId, async (wave, line) =>
    {
        await ledger.ReleaseAsync(line.TitleId, line.Quantity, waveId, townId, $"Dotation de la vague {wave.Number} : titre retiré");
        db.AllocationLines.Remove(line);
    });

    /// <summary>Adds a title to the titles a town of the wave wished for (served first by the allocation).</summary>
    public async Task AddWishAsync(int waveId, int townId, int titleId)
    {
        await RequireWishesOpenAsync(waveId, townId);
        if (!await db.Titles.AnyAsync(t => t.Id == titleId))
        {
            throw new DomainException("Ce titre n'existe pas dans le catalogue.", "TitleId");
        }
        if (await db.TownWishes.AnyAsync(w => w.WaveId == waveId && w.TownId == townId && w.TitleId == titleId))
        {
            throw new DomainException("Ce titre est déjà dans les souhaits de la ville.", "TitleId");
        }
        db.TownWishes.Add(new TownWish(waveId, townId, titleId));
        await db.SaveChangesAsync();
    }

    public async Task RemoveWishAsync(int waveId, int townId, int wishId)
    {
        await RequireWishesOpenAsync(waveId, townId);
        var wish = await db.TownWishes.SingleOrDefaultAsync(w => w.Id == wishId && w.WaveId == waveId && w.TownId == townId)
            ?? throw new DomainException("Ce souhait n'existe pas (ou plus).", "TitleId");
        db.TownWishes.Remove(wish);
        await db.SaveChangesAsync();
    }

    private async Task RequireWishesOpenAsync(int waveId, int townId)
    {
        var wave = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == waveId && wt.TownId == townId)
            .Select(wt => wt.Wave).SingleOrDefaultAsync()
            ?? throw new DomainException("Cette ville ne fait pas partie de la vague.", "TownId");
        if (!wave.IsPlanning)
        {
            throw new DomainException($"La vague {wave.Number} n'est plus en préparation : annulez sa dotation pour changer les souhaits.", "TitleId");
        }
    }

    private async Task EditAsync(int waveId, int townId, int lineId, Func<Wave, AllocationLine, Task> edit)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var wave = await db.Waves.SingleOrDefaultAsync(w => w.Id == waveId)
                ?? throw new DomainException("Cette vague n'existe pas.");
            if (!wave.AllocationEditable)
            {
                throw new DomainException($"La dotation de la vague {wave.Number} ne peut être modifiée que lorsqu'elle est réservée et pas encore emballée (état : {WaveStatusText.Of(wave.Status)}).");
            }
            var line = await db.AllocationLines.SingleOrDefaultAsync(l => l.Id == lineId && l.WaveId == waveId && l.TownId == townId)
                ?? throw new DomainException("Cette ligne de dotation n'existe pas (ou plus).", "LineId");
            await edit(wave, line);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
