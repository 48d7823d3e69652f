using MilleLivres.Core.Stock;

namespace MilleLivres.Tests.Stock;

public class NaturalSortTests
{
    [Fact]
    public void Titles_sort_by_number_value_ignoring_case_accents_and_punctuation_with_accents_breaking_ties()
    {
        string[] expected = ["« Abeille »", "cote", "côte", "ete", "Été", "n° 1", "n° 2", "n° 10", "N° 100", "œuf", "Oeuvre", "Zoé"];
        var shuffled = expected.Reverse().Concat(expected.Where((_, i) => i % 2 == 0)).Distinct().ToList();
        Assert.Equal(expected, shuffled.OrderBy(TextKey.NaturalSortKey, StringComparer.Ordinal));
    }

    [Fact]
    public void Long_numbers_and_leading_zeros_sort_by_value()
    {
        string[] expected = ["Tome 007", "Tome 8", "Tome 99", "Tome 123456789012"];
        Assert.Equal(expected, expected.Reverse().OrderBy(TextKey.NaturalSortKey, StringComparer.Ordinal));
    }
}
