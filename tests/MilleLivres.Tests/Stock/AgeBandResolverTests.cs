using MilleLivres.Core.Stock;

namespace MilleLivres.Tests.Stock;

public class AgeBandResolverTests
{
    private static readonly AgeBandResolver Bands = new(
        [(1, "maternelle", 3, 5), (2, "élémentaire", 6, 10), (3, "collège", 11, 14), (4, "lycée", 15, 18)]);

    [Theory]
    [InlineData("6", "10", "", 2)]
    [InlineData("3", "", "", 1)]
    [InlineData("9", "12", "", 2)]   // 2 years in élémentaire, 2 in collège: the younger band
    [InlineData("9", "13", "", 3)]   // 3 years in collège
    [InlineData("", "", "6-10 ans", 2)]
    [InlineData("", "", "11 à 14 ans", 3)]
    [InlineData("", "", "15 ans et plus", 4)]
    [InlineData("", "", "Collège", 3)]
    [InlineData("", "", "elementaire", 2)]
    public void Ages_or_a_band_text_give_the_band(string min, string max, string band, int expected)
    {
        Assert.True(Bands.TryResolve(min, max, band, out var id, out var error), error);
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("10", "6", "", "supérieur à l'âge maximum")]
    [InlineData("0", "2", "", "hors du programme")]
    [InlineData("", "", "", "Âge manquant")]
    [InlineData("", "", "ados", "non reconnue")]
    [InlineData("six", "", "", "illisible")]
    public void Unusable_ages_are_refused_with_the_reason(string min, string max, string band, string reason)
    {
        Assert.False(Bands.TryResolve(min, max, band, out _, out var error));
        Assert.Contains(reason, error);
    }
}
