using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Stock;

/// <summary>One line of a donation as typed: <see cref="Index"/> is its place in the form, for the messages.</summary>
public sealed record DonationLine(int Index, string? Isbn, int? Quantity, string? Name, string? Authors, int? AgeBandId, Genre? Genre);

/// <summary>A refused line: which line, which field ("Isbn", "Quantity", "Name", "AgeBandId"…), and why, in French.</summary>
public sealed record DonationLineError(int Index, string Field, string Message);

/// <summary>Some lines of a donation are wrong: nothing was written.</summary>
public sealed class InvalidDonationLinesException(IReadOnlyList<DonationLineError> errors)
    : DomainException(errors.Count == 1 ? errors[0].Message : $"{errors.Count} ligne(s) du don sont à corriger : rien n'a été enregistré.")
{
    public IReadOnlyList<DonationLineError> Errors { get; } = errors;
}

public sealed record DonationReceived(long Copies, int TitlesCreated);

/// <summary>
/// A publisher's donation typed by staff: a header (publisher, date, reference) and lines of ISBN + quantity. An ISBN
/// the stock does not know creates its title from the same line (<see cref="Title.FromReceivedLine"/>, the rule the
/// import shares). Every line is checked first; then titles and ledger movements are written in one transaction.
/// </summary>
public sealed class StockDonations(AppDbContext db, StockLedger ledger, TimeProvider clock)
{
    public const int MaxLines = 200;

    public async Task<DonationReceived> ReceiveAsync(string? publisher, DateOnly receivedOn, string? reference, IReadOnlyList<DonationLine> lines, CancellationToken ct = default)
    {
        publisher = (publisher ?? string.Empty).Trim();
        if (publisher.Length == 0)
        {
            throw new DomainException("Indiquez l'éditeur donateur.", "Publisher");
        }
        PlausibleDates.Ensure(receivedOn, clock, "ReceivedOn", "La date de réception");
        if (lines.Count == 0)
        {
            throw new InvalidDonationLinesException([new DonationLineError(0, "Isbn", "Saisissez au moins une ligne : un ISBN et une quantité.")]);
        }
        if (lines.Count > MaxLines)
        {
            throw new DomainException($"Un don compte au plus {MaxLines} lignes : enregistrez le reste dans un second don.");
        }

        var errors = new List<DonationLineError>();
        var parsed = new List<(DonationLine Line, string Isbn, int Quantity)>();
        foreach (var line in lines)
        {
            if (!Isbn.TryParse(line.Isbn, out var isbn, out var isbnError))
            {
                errors.Add(new DonationLineError(line.Index, "Isbn", isbnError!));
            }
            if (line.Quantity is not > 0)
            {
                errors.Add(new DonationLineError(line.Index, "Quantity", StockLedger.QuantityNotPositive));
            }
            else if (line.Quantity > StockLedger.MaxQuantity)
            {
                errors.Add(new DonationLineError(line.Index, "Quantity", StockLedger.QuantityTooLarge));
            }
            parsed.Add((line, isbn, line.Quantity ?? 0));
        }
        var bandIds = await db.AgeBands.AsNoTracking().Select(b => b.Id).ToListAsync(ct);
        var isbns = parsed.Where(p => p.Isbn.Length > 0).Select(p => p.Isbn).Distinct().ToList();
        var known = await db.Titles.AsNoTracking().Where(t => isbns.Contains(t.Isbn))
            .Select(t => new { t.Isbn, t.OnHand, t.Name }).ToDictionaryAsync(t => t.Isbn, ct);
        var toCreate = new Dictionary<string, Title>();
        foreach (var (line, isbn, _) in parsed)
        {
            if (isbn.Length == 0 || known.ContainsKey(isbn) || toCreate.ContainsKey(isbn))
            {
                continue;
            }
            if (!string.IsNullOrWhiteSpace(line.Name) && (line.AgeBandId is not { } band || !bandIds.Contains(band)))
            {
                errors.Add(new DonationLineError(line.Index, "AgeBandId", bandIds.Count == 0 ? AgeBand.NoneDefined : "Choisissez la tranche d'âge du nouveau titre."));
                continue;
            }
            try
            {
                toCreate[isbn] = Title.FromReceivedLine(isbn, line.Name, line.Authors, publisher, line.AgeBandId ?? 0, line.Genre ?? Genre.Autre);
            }
            catch (DomainException e)
            {
                errors.Add(new DonationLineError(line.Index, e.Field ?? "Isbn", e.Message));
            }
        }
        // A title holds at most StockLedger.MaxOnHand copies, all lines of the donation counted.
        foreach (var group in parsed.Where(p => p.Isbn.Length > 0 && p.Quantity > 0).GroupBy(p => p.Isbn))
        {
            var before = known.TryGetValue(group.Key, out var k) ? k.OnHand : 0;
            var added = group.Sum(p => (long)p.Quantity);
            if (before + added > StockLedger.MaxOnHand)
            {
                var name = k?.Name ?? (toCreate.TryGetValue(group.Key, out var t) ? t.Name : group.Key);
                errors.Add(new DonationLineError(group.Last().Line.Index, "Quantity", StockLedger.TooManyOnHand(name, before, added)));
            }
        }
        if (errors.Count > 0)
        {
            throw new InvalidDonationLinesException(errors);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // Another donation may have created one of these ISBNs since they were checked: inside the transaction
                // (the write lock is held) that title is used instead of creating it a second time.
                var createIsbns = toCreate.Keys.ToList();
                var createdMeanwhile = await db.Titles.AsNoTracking().Where(t => createIsbns.Contains(t.Isbn)).Select(t => t.Isbn).ToListAsync(ct);
                var creating = toCreate.Where(kv => !createdMeanwhile.Contains(kv.Key)).Select(kv => kv.Value).ToList();
                db.Titles.AddRange(creating);
                await db.SaveChangesAsync(ct);
                var ids = await db.Titles.AsNoTracking().Where(t => isbns.Contains(t.Isbn)).ToDictionaryAsync(t => t.Isbn, t => t.Id, ct);
                foreach (var (_, isbn, quantity) in parsed)
                {
                    await ledger.ReceiveDonationAsync(ids[isbn], quantity, publisher, receivedOn, reference);
                }
                await transaction.CommitAsync(ct);
                return new DonationReceived(parsed.Sum(p => (long)p.Quantity), creating.Count);
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        });
    }
}
