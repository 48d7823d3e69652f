using MilleLivres.Core.Allocation;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Packing;

/// <summary>
/// The app with the real packing slip source (from AllocationLine rows) and the job server on or off.
/// Pass <paramref name="sharedDataDirectory"/> to start a second host on the same database (a restart).
/// </summary>
public sealed class RealPackingAppFactory(bool runServer = true, string? sharedDataDirectory = null) : AppFactory
{
    public const string BaseUrl = "https://millelivres.example.org";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Database:DataDirectory"] = sharedDataDirectory ?? DataDirectory,
        ["BackgroundJobs:RunServer"] = runServer ? "true" : "false",
        ["Packing:PublicBaseUrl"] = BaseUrl,
    };
}

/// <summary>
/// Arranges a wave whose allocations are confirmed: towns added to it, a delivery address and a coordinator for each,
/// titles received in stock, copies reserved through the stock ledger and written as AllocationLine rows, and the wave
/// moved to "Allocated".
/// </summary>
public static class AllocatedWave
{
    /// <summary>Copies per title cycle through this list; titles cycle through the four default bands.</summary>
    private static readonly int[] Quantities = [7, 3, 12, 5, 9, 1, 4, 11, 2, 6];

    public sealed record Line(int TitleId, string Isbn, string Title, int AgeBandId, int Quantity);

    public static async Task<(int WaveId, Dictionary<int, List<Line>> Lines)> CreateAsync(AppFactory app, int number, IReadOnlyDictionary<string, int> titlesPerTown)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<StockLedger>();
        var bands = await db.AgeBands.OrderBy(b => b.SortOrder).ToListAsync();

        var wave = new Wave(number, $"Vague {number} — automne « test »");
        db.Waves.Add(wave);
        var towns = new List<Town>();
        foreach (var name in titlesPerTown.Keys)
        {
            var town = await db.Towns.SingleAsync(t => t.Name == name);
            wave.AddTown(town, null);
            town.SetDeliveryAddress(DeliveryAddress.Of("Collège Jean-Zay", "12 rue de l'Église", "62300", name, "Entrée côté gymnase, quai ouvert de 8 h à 12 h."));
            town.SetCoordinatorContact(Contact.Of("Françoise Lœuvre", "francoise.loeuvre@example.fr", "03 21 00 00 00"));
            towns.Add(town);
        }
        await db.SaveChangesAsync();

        var result = new Dictionary<int, List<Line>>();
        var i = 0;
        foreach (var town in towns)
        {
            var lines = new List<Line>();
            for (var t = 0; t < titlesPerTown[town.Name]; t++, i++)
            {
                var band = bands[i % bands.Count];
                var title = new Title(Stock.TestIsbns.Next(), $"Zoé et l'œuf n° {i} « été »", $"Autrice {i % 7}", "Éditions Test", band.Id, Genre.Album);
                db.Titles.Add(title);
                await db.SaveChangesAsync();
                var quantity = Quantities[i % Quantities.Length];
                await ledger.ReceiveDonationAsync(title.Id, quantity + 5, "Éditions Test", new DateOnly(2026, 11, 1), null);
                await ledger.ReserveAsync(title.Id, quantity, wave.Id, town.Id, "Dotation");
                db.AllocationLines.Add(new AllocationLine(wave.Id, town.Id, title.Id, band.Id, band.Id, quantity, wished: false));
                lines.Add(new Line(title.Id, title.Isbn, title.Name, band.Id, quantity));
            }
            result[town.Id] = lines;
        }
        await db.SaveChangesAsync();
        wave.MoveTo(WaveStatus.Allocated);
        await db.SaveChangesAsync();
        return (wave.Id, result);
    }

    public static async Task<int> TownIdAsync(AppFactory app, string name) =>
        await app.WithDbAsync(db => db.Towns.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());
}
