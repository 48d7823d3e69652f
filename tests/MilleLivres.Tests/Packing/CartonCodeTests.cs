using MilleLivres.Core.Packing;

namespace MilleLivres.Tests.Packing;

public class CartonCodeTests
{
    [Fact]
    public void New_codes_are_six_characters_of_the_unambiguous_alphabet_and_valid()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => CartonCode.New()).ToList();
        Assert.All(codes, code =>
        {
            Assert.Equal(6, code.Length);
            Assert.All(code, c => Assert.Contains(c, CartonCode.Alphabet));
            Assert.True(CartonCode.IsValid(code), code);
        });
        Assert.DoesNotContain(codes, c => c.IndexOfAny(['0', 'O', '1', 'I', 'L', 'U', 'Z']) >= 0);
        Assert.True(codes.Distinct().Count() > 1990, "codes should be random");
    }

    [Fact]
    public void Any_single_wrong_character_is_detected()
    {
        for (var n = 0; n < 200; n++)
        {
            var code = CartonCode.New();
            for (var position = 0; position < code.Length; position++)
            {
                foreach (var other in CartonCode.Alphabet.Where(c => c != code[position]))
                {
                    var typo = code[..position] + other + code[(position + 1)..];
                    Assert.False(CartonCode.IsValid(typo), $"{typo} (typo of {code}) was accepted");
                }
            }
        }
    }

    [Fact]
    public void Swapping_any_two_characters_is_detected()
    {
        for (var n = 0; n < 500; n++)
        {
            var code = CartonCode.New();
            for (var i = 0; i < code.Length; i++)
            {
                for (var j = i + 1; j < code.Length; j++)
                {
                    if (code[i] == code[j])
                    {
                        continue;
                    }
                    var chars = code.ToCharArray();
                    (chars[i], chars[j]) = (chars[j], chars[i]);
                    var swapped = new string(chars);
                    Assert.False(CartonCode.IsValid(swapped), $"{swapped} (swap in {code}) was accepted");
                }
            }
        }
    }

    [Fact]
    public void Codes_read_out_with_lower_case_spaces_or_dash_are_understood()
    {
        var code = CartonCode.New();
        var spoken = $" {code[..3].ToLowerInvariant()} - {code[3..]} ";
        Assert.True(CartonCode.IsValid(spoken));
        Assert.Equal(code, CartonCode.Normalize(spoken));
        Assert.Equal($"{code[..3]}-{code[3..]}", CartonCode.Display(code));
        Assert.False(CartonCode.IsValid(null));
        Assert.False(CartonCode.IsValid("ABC"));
    }

    [Fact]
    public async Task A_new_unique_code_skips_codes_the_database_already_holds()
    {
        var taken = new HashSet<string>();
        var asked = new List<string>();
        var code = await CartonCode.NewUniqueAsync((candidate, _) =>
        {
            asked.Add(candidate);
            // The first three candidates are "already in the database".
            var isTaken = asked.Count <= 3;
            if (isTaken)
            {
                taken.Add(candidate);
            }
            return Task.FromResult(isTaken);
        });
        Assert.Equal(4, asked.Count);
        Assert.Equal(asked[3], code);
        Assert.DoesNotContain(code, taken);
        Assert.True(CartonCode.IsValid(code));
    }

    [Fact]
    public async Task A_set_of_new_codes_asks_the_database_once_per_round_and_draws_taken_codes_again()
    {
        var rounds = new List<IReadOnlyCollection<string>>();
        var codes = await CartonCode.NewUniqueSetAsync(25, (candidates, _) =>
        {
            rounds.Add(candidates.ToList());
            // In the first round, two candidates are "already in the database"; none in the second.
            return Task.FromResult(rounds.Count == 1 ? candidates.Take(2).ToList() : new List<string>());
        });
        Assert.Equal(2, rounds.Count);
        Assert.Equal(25, rounds[0].Count);
        Assert.Equal(2, rounds[1].Count);
        Assert.Equal(25, codes.Count);
        Assert.Equal(25, codes.Distinct().Count());
        Assert.DoesNotContain(rounds[0].First(), codes);
        Assert.DoesNotContain(rounds[0].Skip(1).First(), codes);
        Assert.All(codes, c => Assert.True(CartonCode.IsValid(c)));
    }
}
