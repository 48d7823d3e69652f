using MilleLivres.Core.Domain;

namespace MilleLivres.Tests.Domain;

public class InseeCodeTests
{
    [Theory]
    [InlineData("62498", "62498")]
    [InlineData(" 08105 ", "08105")]
    [InlineData("2a004", "2A004")]
    [InlineData("2B033", "2B033")]
    public void Valid_codes_are_normalised(string input, string expected) => Assert.Equal(expected, InseeCode.Parse(input));

    [Theory]
    [InlineData("6249")]
    [InlineData("624988")]
    [InlineData("62A98")]
    [InlineData("2C004")]
    [InlineData("20004")]
    public void Invalid_codes_are_refused_with_a_french_reason(string input)
    {
        var e = Assert.Throws<DomainException>(() => InseeCode.Parse(input));
        Assert.Contains("n'est pas un code INSEE valide", e.Message);
        Assert.Equal("InseeCode", e.Field);
    }

    [Fact]
    public void Empty_code_is_refused() =>
        Assert.Equal("Le code INSEE est obligatoire.", Assert.Throws<DomainException>(() => InseeCode.Parse("  ")).Message);
}
