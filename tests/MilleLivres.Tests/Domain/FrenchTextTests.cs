using MilleLivres.Core.Text;

namespace MilleLivres.Tests.Domain;

public class FrenchTextTests
{
    [Theory]
    [InlineData("Amiens", "d'Amiens")]
    [InlineData("Allonnes", "d'Allonnes")]
    [InlineData("Hérouville-Saint-Clair", "d'Hérouville-Saint-Clair")]
    [InlineData("Écully", "d'Écully")]
    [InlineData("Yerres", "d'Yerres")]
    [InlineData("Œting", "d'Œting")]
    [InlineData("Lens", "de Lens")]
    [InlineData("La Seyne-sur-Mer", "de La Seyne-sur-Mer")]
    [InlineData("Le Havre", "du Havre")]
    [InlineData("Les Mureaux", "des Mureaux")]
    [InlineData("Hautmont", "de Hautmont")]
    [InlineData("Saint-Quentin", "de Saint-Quentin")]
    public void De_elides_before_a_vowel_or_a_mute_h_and_contracts_articles(string name, string expected) =>
        Assert.Equal(expected, French.De(name));
}
