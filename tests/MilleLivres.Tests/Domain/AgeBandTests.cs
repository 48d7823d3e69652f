using MilleLivres.Core.Domain;

namespace MilleLivres.Tests.Domain;

public class AgeBandTests
{
    [Fact]
    public void Default_bands_follow_french_schooling_and_cover_3_to_18()
    {
        var bands = AgeBand.Defaults();
        Assert.Equal(["3-5 ans (maternelle)", "6-10 ans (élémentaire)", "11-14 ans (collège)", "15-18 ans (lycée)"], bands.Select(b => b.Label));
        Assert.Null(AgeBand.FindCoverageProblem(bands.Select(b => (b.MinAge, b.MaxAge))));
    }

    [Fact]
    public void A_gap_is_reported() =>
        Assert.Equal("Aucune tranche ne couvre l'âge de 6 ans.", AgeBand.FindCoverageProblem([(3, 5), (7, 18)]));

    [Fact]
    public void An_overlap_is_reported() =>
        Assert.Equal("Les tranches se chevauchent autour de 10 ans.", AgeBand.FindCoverageProblem([(3, 10), (10, 18)]));

    [Fact]
    public void Missing_top_ages_are_reported() =>
        Assert.Equal("Aucune tranche ne couvre l'âge de 15 ans.", AgeBand.FindCoverageProblem([(3, 14)]));

    [Fact]
    public void Ages_outside_the_programme_are_refused() =>
        Assert.Throws<DomainException>(() => new AgeBand("bébés", 0, 2, 0));
}
