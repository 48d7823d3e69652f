using MilleLivres.Core.Data;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Seeding;

/// <summary>
/// Demonstration stock, so a newcomer can plan wave 3 at once. The titles are obviously fictitious ("Titre de
/// démonstration"), with valid ISBNs in the 979-10 (France) range, donated by a fictitious publisher through the real
/// ledger. Used by the Development start-up and by <c>seed-demo</c>; never by the tests' seed, whose stock starts empty.
/// </summary>
public sealed class DemoStockSeeder(AppDbContext db, StockLedger ledger)
{
    public const string Publisher = "Éditions de démonstration";
    public const int TitlesPerBand = 120;

    private static readonly Genre[][] GenresByBand =
    [
        [Genre.Album, Genre.Documentaire, Genre.Poesie],
        [Genre.Roman, Genre.BandeDessinee, Genre.Documentaire, Genre.Album],
        [Genre.Roman, Genre.BandeDessinee, Genre.Documentaire, Genre.Theatre],
        [Genre.Roman, Genre.BandeDessinee, Genre.Theatre, Genre.Poesie],
    ];

    /// <summary>Adds the demo stock when the stock is empty. Returns the number of copies added.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Titles.AnyAsync(ct))
        {
            return 0;
        }
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ToListAsync(ct);
        var copies = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var serial = 0;
        for (var b = 0; b < bands.Count; b++)
        {
            var genres = GenresByBand[Math.Min(b, GenresByBand.Length - 1)];
            for (var i = 1; i <= TitlesPerBand; i++)
            {
                serial++;
                var twelve = $"979109{serial:D6}";
                var isbn = twelve + Isbn.Isbn13CheckDigit(twelve);
                var genre = genres[i % genres.Length];
                db.Titles.Add(new Title(isbn, $"Titre de démonstration {bands[b].Name} n° {i}", "Autrice de démonstration", Publisher, bands[b].Id, genre));
            }
        }
        await db.SaveChangesAsync(ct);
        var titles = await db.Titles.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        var day = new DateOnly(2026, 9, 1);
        for (var i = 0; i < titles.Count; i++)
        {
            // 2 to 12 copies, and donations spread over a few weeks so "oldest first" has something to order.
            var quantity = 2 + (i * 7 % 11);
            await ledger.ReceiveDonationAsync(titles[i], quantity, Publisher, day.AddDays(i % 30), $"DEMO-{i / 40 + 1:D3}");
            copies += quantity;
        }
        await tx.CommitAsync(ct);
        return copies;
    }
}
