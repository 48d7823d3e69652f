using MilleLivres.Core.Reporting;

namespace MilleLivres.Tests.Reporting;

public class FranceMapTests
{
    [Theory]
    [InlineData("62498", "62")]
    [InlineData("08105", "08")]
    [InlineData("2A004", "2A")]
    [InlineData("2b033", "2B")]
    [InlineData("97411", "974")]
    [InlineData("97101", "971")]
    [InlineData("97611", "976")]
    public void Departement_is_read_from_the_insee_code_with_corsica_and_overseas(string insee, string departement) =>
        Assert.Equal(departement, DepartementCodes.CodeOf(insee));

    [Fact]
    public void Map_shipped_with_the_app_draws_every_metropolitan_and_overseas_departement_once()
    {
        var map = FranceMap.LoadFile(Path.Combine(AppContext.BaseDirectory, FranceMap.RelativePath));

        var expected = Enumerable.Range(1, 95).Where(n => n != 20).Select(n => n.ToString("00"))
            .Concat(["2A", "2B"]).Concat(DepartementCodes.Overseas.Select(d => d.Code)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, map.Shapes.Select(s => s.Code).Order(StringComparer.Ordinal).ToList());
        Assert.All(map.Shapes.Where(s => !s.IsInset), s => Assert.False(string.IsNullOrWhiteSpace(s.Path)));
        Assert.Equal("Pas-de-Calais", map.Find("62")!.Name);
        Assert.Equal("La Réunion", map.Find("974")!.Name);

        // The insets sit in a row under metropolitan France (585 high in the package), inside the drawing, apart.
        var insets = map.Shapes.Where(s => s.IsInset).OrderBy(s => s.X).ToList();
        Assert.Equal(5, insets.Count);
        Assert.All(insets, s => Assert.True(s.Y >= 585 && s.Y + s.Height <= map.Height && s.X >= 0 && s.X + s.Width <= map.Width));
        Assert.All(insets.Zip(insets.Skip(1)), p => Assert.True(p.First.X + p.First.Width < p.Second.X));
    }

    [Fact]
    public void Departements_sort_in_code_order_corsica_after_19_and_overseas_last()
    {
        var codes = new[] { "974", "21", "2B", "01", "19", "2A", "95", "971" };
        Assert.Equal(new[] { "01", "19", "2A", "2B", "21", "95", "971", "974" }, codes.OrderBy(DepartementCodes.SortKey, StringComparer.Ordinal));
    }
}
