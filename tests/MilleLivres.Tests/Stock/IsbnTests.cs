using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;

namespace MilleLivres.Tests.Stock;

public class IsbnTests
{
    [Theory]
    [InlineData("9782070612758", "9782070612758")]
    [InlineData("978-2-07-061275-8", "9782070612758")]
    [InlineData("978 2 07 061275 8", "9782070612758")]
    [InlineData("ISBN 978-2-07-061275-8", "9782070612758")]
    [InlineData("2-07-061275-9", "9782070612758")]
    [InlineData("2070612754", null)]
    public void Hyphenated_and_isbn10_forms_are_stored_as_isbn13(string input, string? expected)
    {
        if (expected is null)
        {
            Assert.False(Isbn.TryParse(input, out _, out var error));
            Assert.Contains("clé de contrôle devrait être 9", error);
            return;
        }
        Assert.Equal(expected, Isbn.Parse(input));
    }

    [Theory]
    [InlineData("0-8044-2957-X", "9780804429573")]
    [InlineData("080442957x", "9780804429573")]
    [InlineData("2-266-11154-X", "9782266111546")]
    public void Isbn10_with_an_X_check_digit_is_accepted_and_converted(string input, string expected)
    {
        Assert.Equal(expected, Isbn.Parse(input));
    }

    [Fact]
    public void A_bad_isbn13_check_digit_is_refused_with_the_expected_digit()
    {
        var e = Assert.Throws<DomainException>(() => Isbn.Parse("978-2-07-061275-9"));
        Assert.Equal("Isbn", e.Field);
        Assert.Contains("la clé de contrôle devrait être 8 et non 9", e.Message);
    }

    [Fact]
    public void A_bad_isbn10_check_digit_is_refused_even_when_it_is_an_X()
    {
        var e = Assert.Throws<DomainException>(() => Isbn.Parse("2-07-061275-X"));
        Assert.Contains("devrait être 9 et non X", e.Message);
    }

    [Theory]
    [InlineData("", "obligatoire")]
    [InlineData("97820706127", "il faut 10 ou 13 chiffres, il y en a 11")]
    [InlineData("978207061275A", "seuls les chiffres")]
    [InlineData("97X2070612758", "X n'est admis que comme dernier caractère d'un ISBN-10")]
    [InlineData("1234567890128", "commence par 978 ou 979")]
    public void Malformed_isbns_are_refused_with_the_reason(string input, string reason)
    {
        var e = Assert.Throws<DomainException>(() => Isbn.Parse(input));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Every_isbn10_converts_to_an_isbn13_whose_check_digit_holds()
    {
        var random = new Random(42);
        for (var i = 0; i < 500; i++)
        {
            var nine = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + random.Next(10))));
            var isbn10 = nine + Isbn.Isbn10CheckDigit(nine);
            var isbn13 = Isbn.Parse(isbn10);
            Assert.StartsWith("978" + nine, isbn13);
            Assert.Equal(isbn13[12], Isbn.Isbn13CheckDigit(isbn13.AsSpan(0, 12)));
        }
    }
}
