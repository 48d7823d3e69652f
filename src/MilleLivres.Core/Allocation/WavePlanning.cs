using System.Globalization;
using System.Text;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Allocation;

/// <summary>A band of the wave, in age order.</summary>
public sealed record PlanBand(int Id, string Label);

/// <summary>What the preview page shows: the allocator's result plus the names to display it.</summary>
public sealed record PlanPreview(
    int WaveId,
    IReadOnlyList<PlanBand> Bands,
    AllocationResult Result,
    IReadOnlyDictionary<int, string> TownNames,
    IReadOnlyDictionary<int, string> TitleNames,
    IReadOnlyList<BandFill> Fills,
    bool TitlesListed)
{
    /// <summary>
    /// Up to this many lines in the whole preview, every town's titles are listed on the preview itself; beyond it
    /// (a large wave: 80 towns make some 70,000 lines, megabytes of HTML), each town's titles are on its own page.
    /// </summary>
    public const int InlineTitlesLimit = 400;

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

/// <summary>What undoing an allocation removed besides its lines.</summary>
public sealed record UndoOutcome(int CartonsRemoved, int SlipsRemoved);

/// <summary>
/// Staff's planning of a wave: builds the allocation request from the database, previews it, confirms it (allocation
/// lines + reservations in the ledger, in one transaction), undoes it, and edits one town's lines afterwards.
/// See docs/decisions/0301-wave-planning.md.
/// </summary>
public sealed class WavePlanning(AppDbContext db, StockLedger ledger, IOptions<AllocationOptions> options, TimeProvider clock)
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

    /// <summary>
    /// What the allocation would be now. Writes nothing. Title names are read only for the titles the page lists:
    /// those of <paramref name="townId"/> when given, else every town's when the preview is small
    /// (<see cref="PlanPreview.InlineTitlesLimit"/>), else none (the preview then links to each town's page).
    /// </summary>
    public async Task<PlanPreview> PreviewAsync(int waveId, IReadOnlyList<BandFill> fills, int? townId = null)
    {
        var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId)
            ?? throw new DomainException("Cette vague n'existe pas.");
        var bands = await BandsAsync();
        var request = await BuildRequestAsync(wave.Id, fills);
        var result = WaveAllocator.Allocate(request);
        var listed = townId is not null
            || result.Towns.Sum(t => t.Bands.Sum(b => b.Lines.Count)) <= PlanPreview.InlineTitlesLimit;
        var titleIds = !listed ? [] : result.Towns.Where(t => townId is null || t.TownId == townId)
            .SelectMany(t => t.Bands).SelectMany(b => b.Lines).Select(l => l.TitleId).Distinct().ToList();
        var titleNames = await db.Titles.AsNoTracking().Where(t => titleIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name);
        var townNames = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == waveId)
            .Select(wt => new { wt.TownId, wt.Town.Name }).ToDictionaryAsync(t => t.TownId, t => t.Name);
        return new PlanPreview(waveId, bands, result, townNames, titleNames, fills, listed);
    }

    /// <summary>How many times a confirmation computed outside the write lock is retried when the stock moved meanwhile.</summary>
    private const int OptimisticAttempts = 3;

    /// <summary>
    /// Confirms the wave's allocation: its lines, one reservation movement per line and the reserved counters, in one
    /// transaction, then marks the wave allocated and writes one audit entry for the whole confirmation.
    /// The stock is read and the allocation computed before the write lock is taken; inside it, the wave is checked
    /// again and one guarded set-based UPDATE reserves every title at once: if any title no longer has the copies,
    /// nothing is written and the allocation is computed again on the stock as it is now (see ADR 0521).
    /// A shortfall is refused unless <paramref name="acceptShortfall"/>.
    /// </summary>
    public async Task<AllocationResult> ConfirmAsync(int waveId, IReadOnlyList<BandFill> fills, bool acceptShortfall)
    {
        for (var attempt = 1; ; attempt++)
        {
            // After a few races lost to other writers, compute under the lock: slower for others, but certain.
            var computeUnderLock = attempt > OptimisticAttempts;
            var plan = computeUnderLock ? null : await PlanConfirmationAsync(waveId, fills, acceptShortfall);

            // SQLite's BEGIN IMMEDIATE: other writers wait from here to the commit, so keep this part short.
            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                var wave = await RequireConfirmableAsync(waveId, tracked: true);
                plan ??= await PlanConfirmationAsync(waveId, fills, acceptShortfall);
                if (!await ReserveAllAsync(wave, plan))
                {
                    if (computeUnderLock)
                    {
                        // Cannot happen under SQLite's lock; on a server database the guarded UPDATE has the last word.
                        throw new DomainException("Le stock a changé pendant la confirmation et la dotation ne tient plus : rien n'a été réservé. Rechargez l'aperçu.");
                    }
                    await transaction.RollbackAsync();
                    db.ChangeTracker.Clear();
                    continue;
                }
                wave.MoveTo(WaveStatus.Allocated);
                db.AddAuditEntry(AuditActions.AllocationConfirmed, nameof(Wave), waveId.ToString(CultureInfo.InvariantCulture),
                    new
                    {
                        Vague = wave.Number,
                        Lignes = plan.Lines.Count,
                        Livres = plan.Result.Towns.Sum(t => t.Allocated),
                        Manque = plan.Result.Towns.Sum(t => t.Shortfall),
                        Complements = fills.Select(f => new { Tranche = f.BandId, Depuis = f.FromBandId }),
                        Villes = TownTotals(plan.Result),
                    },
                    waveId: waveId);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return plan.Result;
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    private sealed record ConfirmationPlan(AllocationResult Result, IReadOnlyList<AllocationLine> Lines);

    /// <summary>Checks the wave, computes the allocation on the stock as it is now, and refuses an unaccepted shortfall.</summary>
    private async Task<ConfirmationPlan> PlanConfirmationAsync(int waveId, IReadOnlyList<BandFill> fills, bool acceptShortfall)
    {
        await RequireConfirmableAsync(waveId, tracked: false);
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
        return new ConfirmationPlan(result, lines);
    }

    private async Task<Wave> RequireConfirmableAsync(int waveId, bool tracked)
    {
        var waves = tracked ? db.Waves : db.Waves.AsNoTracking();
        var wave = await waves.SingleOrDefaultAsync(w => w.Id == waveId)
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
        return wave;
    }

    /// <summary>
    /// Reserves every line with three set-based statements over the lines bound once as a JSON array: one guarded
    /// UPDATE of the titles (each title's total, only where the copies are still available), then, only if it changed
    /// every title, one INSERT … SELECT each for the movements and the allocation lines. False: nothing was written.
    /// </summary>
    private async Task<bool> ReserveAllAsync(Wave wave, ConfirmationPlan plan)
    {
        var json = LinesJson(plan.Lines);
        var lines = Lines(SqlDialect.Of(db));
        var titles = plan.Lines.Select(l => l.TitleId).Distinct().Count();
        // The lines' row source differs per provider (SqlDialect, ADR 0900); the statements around it do not.
        // Only fixed text and the dialect's fragment are put in the SQL; values are parameters.
        var sql1 = $$"""
            WITH "Wanted" AS (
                SELECT l."TitleId", SUM(l."Quantity") AS "Copies" FROM {{lines}} AS l GROUP BY l."TitleId")
            UPDATE "Titles" SET "Reserved" = "Titles"."Reserved" + "Wanted"."Copies"
            FROM "Wanted"
            WHERE "Titles"."Id" = "Wanted"."TitleId"
              AND "Titles"."OnHand" - ("Titles"."Reserved" + "Wanted"."Copies") >= 0
            """;
        var changed = await db.Database.ExecuteSqlRawAsync(sql1, json);
        if (changed != titles)
        {
            return false;
        }
        var waveId = wave.Id;
        var reason = $"Dotation de la vague {wave.Number}";
        await InsertMovementsAsync(json, lines, StockMovementKind.Reserved, sign: 1, waveId, reason);
        var sql2 = $$"""
            INSERT INTO "AllocationLines" ("WaveId", "TownId", "TitleId", "AgeBandId", "SourceAgeBandId", "Quantity", "Wished")
            SELECT {1}, l."TownId", l."TitleId", l."AgeBandId", l."SourceAgeBandId", l."Quantity", l."Wished"
            FROM {{lines}} AS l
            """;
        await db.Database.ExecuteSqlRawAsync(sql2, json, waveId);
        return true;
    }

    /// <summary>The columns of each element of <see cref="LinesJson"/>, as a row source bound to parameter {0}.</summary>
    private static string Lines(SqlDialect dialect) =>
        dialect.IntegerRows("{0}", ["TownId", "TitleId", "AgeBandId", "SourceAgeBandId", "Quantity", "Wished"], new HashSet<string> { "Wished" });

    /// <summary>One movement per line of the JSON array ([town, title, band, source band, quantity, wished]).</summary>
    private async Task InsertMovementsAsync(string json, string lines, StockMovementKind kind, int sign, int waveId, string reason)
    {
        var actor = db.Actor;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var kindText = kind.ToString();
        // A null actor (the system) is bound as NULL: EF maps a null value itself.
        var sql3 = $$"""
            INSERT INTO "StockMovements" ("TitleId", "Kind", "Quantity", "AtUtc", "OccurredOn", "ActorId", "ActorName", "Reason", "WaveId", "TownId")
            SELECT l."TitleId", {1}, {2} * l."Quantity", {3}, {4}, {5}, {6}, {7}, {8}, l."TownId"
            FROM {{lines}} AS l
            """;
        await db.Database.ExecuteSqlRawAsync(sql3, [json, kindText, sign, now, today, actor.UserId!, actor.Name!, reason, waveId]);
    }

    private static string LinesJson(IEnumerable<AllocationLine> lines)
    {
        var sb = new StringBuilder("[");
        foreach (var l in lines)
        {
            if (sb.Length > 1)
            {
                sb.Append(',');
            }
            sb.Append('[').Append(l.TownId).Append(',').Append(l.TitleId).Append(',').Append(l.AgeBandId).Append(',')
                .Append(l.SourceAgeBandId).Append(',').Append(l.Quantity).Append(',').Append(l.Wished ? 1 : 0).Append(']');
        }
        return sb.Append(']').ToString();
    }

    /// <summary>Each town's copies per band, for the audit entry of a confirmation or an undo.</summary>
    private static IEnumerable<object> TownTotals(AllocationResult result) => result.Towns.Select(t => new
    {
        Ville = t.TownId,
        Tranches = t.Bands.Where(b => b.Target > 0 || b.Allocated > 0)
            .Select(b => new { Tranche = b.BandId, Objectif = b.Target, Livres = b.Allocated, Complement = b.FilledFromNeighbour }),
    });

    /// <summary>
    /// Releases every line of the wave, deletes them and puts the wave back in planning, in one transaction of a few
    /// set-based statements (the guarded UPDATE must change every title of the lines, else nothing is written). Cartons,
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
            var totals = await db.AllocationLines.AsNoTracking().Where(l => l.WaveId == waveId)
                .GroupBy(l => new { l.TownId, l.AgeBandId })
                .Select(g => new { g.Key.TownId, g.Key.AgeBandId, Copies = g.Sum(l => l.Quantity), Lines = g.Count() })
                .ToListAsync();
            var titles = await db.AllocationLines.Where(l => l.WaveId == waveId).Select(l => l.TitleId).Distinct().CountAsync();
            var released = await db.Database.ExecuteSqlAsync($"""
                WITH "Held" AS (
                    SELECT "TitleId", SUM("Quantity") AS "Copies" FROM "AllocationLines" WHERE "WaveId" = {waveId} GROUP BY "TitleId")
                UPDATE "Titles" SET "Reserved" = "Titles"."Reserved" - "Held"."Copies"
                FROM "Held"
                WHERE "Titles"."Id" = "Held"."TitleId" AND "Titles"."Reserved" - "Held"."Copies" >= 0
                """);
            if (released != titles)
            {
                throw new DomainException($"Les réservations de la vague {wave.Number} ne correspondent plus au stock : rien n'a été annulé. Signalez-le à l'équipe technique.");
            }
            var actor = db.Actor;
            var now = clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var kind = nameof(StockMovementKind.Released);
            var reason = $"Annulation de la dotation de la vague {wave.Number}";
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "StockMovements" ("TitleId", "Kind", "Quantity", "AtUtc", "OccurredOn", "ActorId", "ActorName", "Reason", "WaveId", "TownId")
                SELECT "TitleId", {kind}, -"Quantity", {now}, {today}, {actor.UserId}, {actor.Name}, {reason}, "WaveId", "TownId"
                FROM "AllocationLines" WHERE "WaveId" = {waveId} ORDER BY "Id"
                """);
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "AllocationLines" WHERE "WaveId" = {waveId}""");
            var cartons = await db.Cartons.Include(c => c.Lines).Where(c => c.WaveId == waveId).ToListAsync();
            db.Cartons.RemoveRange(cartons);
            var slips = await db.GeneratedDocuments
                .Where(d => d.Kind == Packing.PackingSlipWork.DocumentKind && d.WaveId == waveId).ToListAsync();
            db.GeneratedDocuments.RemoveRange(slips);
            var group = Packing.PackingSlipWork.Group(waveId);
            db.WorkItems.RemoveRange(await db.WorkItems.Where(w => w.Group == group).ToListAsync());
            wave.MoveTo(WaveStatus.Planning);
            db.AddAuditEntry(AuditActions.AllocationUndone, nameof(Wave), waveId.ToString(CultureInfo.InvariantCulture),
                new
                {
                    Vague = wave.Number,
                    Lignes = totals.Sum(t => t.Lines),
                    Livres = totals.Sum(t => t.Copies),
                    Villes = totals.GroupBy(t => t.TownId).Select(g => new
                    {
                        Ville = g.Key,
                        Tranches = g.Select(t => new { Tranche = t.AgeBandId, Livres = t.Copies }),
                    }),
                },
                waveId: waveId);
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
        var before = line.Quantity;
        line.ChangeQuantity(quantity);
        return new { Modification = "quantité", Titre = line.TitleId, Avant = before, Apres = quantity };
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
        return new { Modification = "titre remplacé", Titre = line.TitleId, Remplacant = newTitleId, Quantite = line.Quantity };
    });

    /// <summary>Removes a line and releases its copies.</summary>
    public Task RemoveLineAsync(int waveId, int townId, int lineId) => EditAsync(waveId, townId, lineId, async (wave, line) =>
    {
        await ledger.ReleaseAsync(line.TitleId, line.Quantity, waveId, townId, $"Dotation de la vague {wave.Number} : titre retiré");
        db.AllocationLines.Remove(line);
        return new { Modification = "titre retiré", Titre = line.TitleId, Quantite = line.Quantity };
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

    /// <summary>One line edited in one transaction, with one audit entry for the edit (lines are not audited row by row).</summary>
    private async Task EditAsync(int waveId, int townId, int lineId, Func<Wave, AllocationLine, Task<object>> edit)
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
            var details = await edit(wave, line);
            db.AddAuditEntry(AuditActions.AllocationEdited, nameof(AllocationLine), lineId.ToString(CultureInfo.InvariantCulture),
                details, waveId: waveId, townId: townId);
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
