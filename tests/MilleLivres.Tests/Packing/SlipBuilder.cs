using MilleLivres.Core.Packing;

namespace MilleLivres.Tests.Packing;

/// <summary>Test data for packing slips: a town's allocation spread over the default age bands.</summary>
public static class SlipBuilder
{
    public static readonly (string Label, int Order)[] Bands = [("3-5 ans", 1), ("6-10 ans", 2), ("11-14 ans", 3), ("15-18 ans", 4)];

    /// <summary><paramref name="titles"/> distinct titles, quantities 1..4 cycling, bands in turn.</summary>
    public static List<BookToPack> Lines(int titles, int seed = 0) => Enumerable.Range(0, titles)
        .Select(i =>
        {
            var band = Bands[(i + seed) % Bands.Length];
            return new BookToPack(Isbn(i + seed * 10_000), $"Titre n° {i + seed * 10_000} : l'été où Noël est arrivé", $"Auteur {i % 17}", band.Label, band.Order, 1 + i % 4);
        })
        .ToList();

    /// <summary>Exactly <paramref name="books"/> books over distinct titles (quantities 1..4 cycling).</summary>
    public static List<BookToPack> Books(int books)
    {
        var lines = new List<BookToPack>();
        var left = books;
        var i = 0;
        while (left > 0)
        {
            var band = Bands[i % Bands.Length];
            var quantity = Math.Min(left, 1 + i % 4);
            lines.Add(new BookToPack(Isbn(i), $"Titre {i} — « Les aventures de Zoé »", $"Autrice {i % 23}", band.Label, band.Order, quantity));
            left -= quantity;
            i++;
        }
        return lines;
    }

    public static string Isbn(int i) => $"978{i:D10}";

    public static PackingSlipModel Slip(IReadOnlyList<BookToPack> lines, int capacity = 40, string town = "Hérouville-Saint-Clair")
    {
        var planned = Cartonizer.Split(lines, capacity);
        var codes = planned.Select(_ => CartonCode.New()).ToList();
        return new PackingSlipModel(
            "Vague 2 — automne 2020", town, $"Cité éducative de {town}",
            "Collège Pierre-Mendès-France, 12 rue de l'Église, 14200 Hérouville-Saint-Clair",
            "Livraison par l'entrée des fournisseurs, côté gymnase ; quai accessible de 8 h à 12 h.",
            "Françoise Lœuvre", "francoise.loeuvre@example.fr",
            new DateOnly(2020, 11, 23),
            PackingSlipModel.CartonsFrom(planned, codes));
    }
}
