using Microsoft.EntityFrameworkCore.ChangeTracking;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Stock;

/// <summary>
/// The only writer of stock counters. Each call writes one movement row and moves the counters with one
/// conditional UPDATE whose WHERE clause is the invariant (on hand, reserved and available never below zero):
/// the database decides, so two writers at the same time cannot both take the last copy, on SQLite as on
/// PostgreSQL. A CHECK constraint on Titles backs it up.
/// Runs inside the caller's transaction when there is one (the allocation does), otherwise in its own.
/// Works directly on the database: a tracked <see cref="Title"/> is reloaded afterwards, other pending changes
/// of the caller's DbContext are not saved.
/// </summary>
public sealed class StockLedger(AppDbContext db, TimeProvider clock)
{
    /// <summary>The most copies one movement (a donation line, an adjustment…) may carry.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>
    /// The most copies one title may hold. The whole programme is some 30,000 books: this only stops typing slips,
    /// and keeps every title's counters, and sums over titles in 64 bits, far from overflow.
    /// </summary>
    public const int MaxOnHand = 1_000_000;

    public const string QuantityNotPositive = "La quantité doit être un nombre entier positif.";

    public static string QuantityTooLarge => $"La quantité ne peut dépasser {MaxQuantity:N0}.";

    /// <summary>The one message when a title would hold more than <see cref="MaxOnHand"/> copies.</summary>
    public static string TooManyOnHand(string titleName, long onHand, long added) =>
        $"Le stock de « {titleName} » dépasserait {MaxOnHand:N0} exemplaires ({onHand:N0} en stock, {added:N0} ajouté(s)) : vérifiez la quantité.";

    public Task ReceiveDonationAsync(int titleId, int quantity, string donor, DateOnly receivedOn, string? reference)
    {
        RequirePositive(quantity);
        donor = (donor ?? string.Empty).Trim();
        if (donor.Length == 0)
        {
            throw new DomainException("Indiquez l'éditeur donateur.", "Publisher");
        }
        var reason = $"Don de {donor} reçu le {receivedOn:dd/MM/yyyy}";
        return ApplyAsync(new Change(titleId, StockMovementKind.DonationReceived, quantity, quantity, 0, receivedOn, reason)
        {
            Reference = Clean(reference, StockMovement.ReferenceMaxLength),
            Donor = donor,
        });
    }

    /// <param name="delta">Copies added (positive) or removed (negative).</param>
    public Task AdjustAsync(int titleId, int delta, AdjustmentReason reason, string? note, DateOnly? on = null)
    {
        if (delta == 0)
        {
            throw new DomainException("Un ajustement ne peut pas être nul : indiquez combien d'exemplaires ajouter (+) ou retirer (-).", "Quantity");
        }
        if (Math.Abs(delta) > MaxQuantity)
        {
            throw new DomainException(QuantityTooLarge, "Quantity");
        }
        if (!Enum.IsDefined(reason))
        {
            throw new DomainException("Choisissez un motif d'ajustement.", "Reason");
        }
        note = Clean(note, StockMovement.ReasonMaxLength - 40);
        if (reason == AdjustmentReason.Other && note is null)
        {
            throw new DomainException("Pour le motif « autre », précisez la raison.", "Note");
        }
        var text = note is null ? Capitalize(StockMovementText.Of(reason)) : $"{Capitalize(StockMovementText.Of(reason))} : {note}";
        return ApplyAsync(new Change(titleId, StockMovementKind.Adjustment, delta, delta, 0, on ?? Today(), text)
        {
            AdjustmentReason = reason,
        });
    }

    /// <summary>Promises copies to a town of a wave: reserved +n, available -n.</summary>
    public Task ReserveAsync(int titleId, int quantity, int waveId, int townId, string reason)
    {
        RequirePositive(quantity);
        return ApplyAsync(new Change(titleId, StockMovementKind.Reserved, quantity, 0, quantity, Today(), ReasonOrDefault(reason, "Réservation"))
        {
            WaveId = waveId,
            TownId = townId,
        });
    }

    /// <summary>Gives reserved copies back: reserved -n, available +n.</summary>
    public Task ReleaseAsync(int titleId, int quantity, int waveId, int townId, string reason)
    {
        RequirePositive(quantity);
        return ApplyAsync(new Change(titleId, StockMovementKind.Released, -quantity, 0, -quantity, Today(), ReasonOrDefault(reason, "Libération"))
        {
            WaveId = waveId,
            TownId = townId,
        });
    }

    /// <summary>Reserved copies leave the warehouse: on hand -n and reserved -n, available unchanged.</summary>
    public Task ShipAsync(int titleId, int quantity, int waveId, int townId, string reason)
    {
        RequirePositive(quantity);
        return ApplyAsync(new Change(titleId, StockMovementKind.Shipped, -quantity, -quantity, -quantity, Today(), ReasonOrDefault(reason, "Expédition"))
        {
            WaveId = waveId,
            TownId = townId,
        });
    }

    /// <summary>
    /// Shipped copies written off as lost or damaged in transport: a row of -n, counters unchanged (they already left
    /// on hand when shipped).
    /// </summary>
    public Task RecordLostInTransitAsync(int titleId, int quantity, int waveId, int townId, string reason)
    {
        RequirePositive(quantity);
        return ApplyAsync(new Change(titleId, StockMovementKind.LostInTransit, -quantity, 0, 0, Today(), ReasonOrDefault(reason, "Perdu / abîmé en transport"))
        {
            WaveId = waveId,
            TownId = townId,
        });
    }

    private sealed record Change(int TitleId, StockMovementKind Kind, int Quantity, int OnHandDelta, int ReservedDelta, DateOnly OccurredOn, string Reason)
    {
        public string? Reference { get; init; }
        public string? Donor { get; init; }
        public AdjustmentReason? AdjustmentReason { get; init; }
        public int? WaveId { get; init; }
        public int? TownId { get; init; }
    }

    private async Task ApplyAsync(Change c)
    {
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        try
        {
            // The WHERE clause is the rule: the row changes only if every counter stays at or above zero afterwards.
            var changed = await db.Database.ExecuteSqlAsync($"""
                UPDATE "Titles" SET "OnHand" = "OnHand" + {c.OnHandDelta}, "Reserved" = "Reserved" + {c.ReservedDelta}
                WHERE "Id" = {c.TitleId}
                  AND "OnHand" + {c.OnHandDelta} >= 0
                  AND "OnHand" + {c.OnHandDelta} <= {MaxOnHand}
                  AND "Reserved" + {c.ReservedDelta} >= 0
                  AND ("OnHand" + {c.OnHandDelta}) - ("Reserved" + {c.ReservedDelta}) >= 0
                """);
            if (changed != 1)
            {
                throw await ShortageAsync(c);
            }
            var actor = db.Actor;
            var kind = c.Kind.ToString();
            var adjustment = c.AdjustmentReason?.ToString();
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "StockMovements" ("TitleId", "Kind", "Quantity", "AtUtc", "OccurredOn", "ActorId", "ActorName", "Reason", "Reference", "Donor", "AdjustmentReason", "WaveId", "TownId")
                VALUES ({c.TitleId}, {kind}, {c.Quantity}, {now}, {c.OccurredOn}, {actor.UserId}, {actor.Name}, {c.Reason}, {c.Reference}, {c.Donor}, {adjustment}, {c.WaveId}, {c.TownId})
                """);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync();
            }
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
        // Refresh a tracked copy of the title, if any. An identity-map lookup with change detection off: scanning
        // ChangeTracker.Entries() would detect changes over every tracked entity on each ledger call.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        EntityEntry<Title>? tracked;
        try
        {
            tracked = db.Titles.Local.FindEntry(c.TitleId);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        if (tracked is not null)
        {
            await tracked.ReloadAsync();
        }
    }

    private async Task<DomainException> ShortageAsync(Change c)
    {
        var t = await db.Titles.AsNoTracking().Where(t => t.Id == c.TitleId)
            .Select(t => new { t.Name, t.OnHand, t.Reserved, t.Available })
            .SingleOrDefaultAsync();
        if (t is null)
        {
            return new DomainException("Ce titre n'existe pas (ou plus).", "TitleId");
        }
        var n = Math.Abs(c.Quantity);
        if (c.OnHandDelta > 0 && (long)t.OnHand + c.OnHandDelta > MaxOnHand)
        {
            return new DomainException(TooManyOnHand(t.Name, t.OnHand, c.OnHandDelta), "Quantity");
        }
        var message = c.Kind switch
        {
            StockMovementKind.Reserved =>
                $"Stock insuffisant pour « {t.Name} » : {t.Available} exemplaire(s) disponible(s), {n} demandé(s).",
            StockMovementKind.Released =>
                $"Impossible de libérer {n} exemplaire(s) de « {t.Name} » : seulement {t.Reserved} réservé(s).",
            StockMovementKind.Shipped =>
                $"Impossible d'expédier {n} exemplaire(s) de « {t.Name} » : seulement {t.Reserved} réservé(s).",
            _ =>
                $"Impossible de retirer {n} exemplaire(s) de « {t.Name} » : {t.Available} disponible(s) ({t.OnHand} en stock dont {t.Reserved} réservé(s)).",
        };
        return new StockShortageException(message);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static void RequirePositive(int quantity)
    {
        if (quantity <= 0)
        {
            throw new DomainException(QuantityNotPositive, "Quantity");
        }
        if (quantity > MaxQuantity)
        {
            throw new DomainException(QuantityTooLarge, "Quantity");
        }
    }

    private static string ReasonOrDefault(string? reason, string fallback) =>
        Clean(reason, StockMovement.ReasonMaxLength) ?? fallback;

    private static string? Clean(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim();
        return t.Length <= max ? t : t[..max];
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
