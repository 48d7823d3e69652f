using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MilleLivres.Core.Allocation;
using MilleLivres.Core.Domain;

namespace MilleLivres.Tests.Allocation;

public class QuotaSplitTests
{
    private static readonly int[] Bands = [1, 2, 3, 4];

    private static IReadOnlyDictionary<int, int> Children(params int[] counts) =>
        Bands.Zip(counts).ToDictionary(x => x.First, x => x.Second);

    private static int[] Split(int quota, IReadOnlyDictionary<int, int>? children) =>
        Bands.Select(b => QuotaSplit.Split(quota, Bands, children)[b]).ToArray();

    [Fact]
    public void The_quota_is_split_in_proportion_to_the_children_expected()
    {
        Assert.Equal([300, 500, 200, 0], Split(1000, Children(150, 250, 100, 0)));
    }

    [Fact]
    public void Leftover_books_go_to_the_largest_remainders_so_the_parts_add_up_to_the_quota()
    {
        // Exact shares 466.67, 333.33, 200: floors make 999, the last book goes to the largest remainder.
        Assert.Equal([467, 333, 200, 0], Split(1000, Children(70, 50, 30, 0)));
        Assert.Equal([334, 333, 333, 0], Split(1000, Children(1, 1, 1, 0)));
    }

    [Fact]
    public void A_band_with_no_children_gets_nothing()
    {
        Assert.Equal([0, 1000, 0, 0], Split(1000, Children(0, 3, 0, 0)));
    }

    [Fact]
    public void A_town_with_no_counts_gets_an_even_split()
    {
        Assert.Equal([250, 250, 250, 250], Split(1000, null));
        Assert.Equal([250, 250, 250, 250], Split(1000, Children(0, 0, 0, 0)));
        Assert.Equal([251, 251, 250, 250], Split(1002, null));
    }

    [Fact]
    public void Negative_counts_and_quotas_are_refused_in_french()
    {
        var children = Assert.Throws<DomainException>(() => Split(1000, Children(10, -1, 0, 0)));
        Assert.Equal("Le nombre d'enfants d'une tranche d'âge ne peut pas être négatif.", children.Message);

        var quota = Assert.Throws<DomainException>(() => Split(-5, null));
        Assert.Equal("Quota", quota.Field);
    }

    public static class Inputs
    {
        public static Arbitrary<(int Quota, int[] Children)> QuotaAndChildren() => Arb.From(
            from quota in Gen.Choose(0, 5000)
            from children in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 100_000))), 4)
            select (quota, children));
    }

    [Property(Arbitrary = [typeof(Inputs)], MaxTest = 500)]
    public void For_any_counts_the_parts_add_up_and_each_is_its_exact_share_rounded_down_or_up((int Quota, int[] Children) input)
    {
        var parts = Split(input.Quota, Children(input.Children));

        Assert.Equal(input.Quota, parts.Sum());
        var total = input.Children.Sum(c => (long)c);
        for (var i = 0; i < Bands.Length; i++)
        {
            var exact = total == 0 ? (double)input.Quota / Bands.Length : (double)input.Quota * input.Children[i] / total;
            Assert.InRange(parts[i], Math.Floor(exact), Math.Ceiling(exact));
            if (total > 0 && input.Children[i] == 0)
            {
                Assert.Equal(0, parts[i]);
            }
        }
    }
}
