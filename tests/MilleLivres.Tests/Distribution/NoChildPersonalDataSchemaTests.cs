using System.Text.RegularExpressions;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Distribution;

/// <summary>
/// The children are minors: a distribution record holds an age band, counts, a date and a place, never a person. This
/// reads the migrated SQLite schema and fails if a distribution table gains a column that could hold a person's
/// identity (name, birth date, address, photo, contact, sex…).
/// </summary>
public partial class NoChildPersonalDataSchemaTests(SeededApp app) : IClassFixture<SeededApp>
{
    private static readonly string[] DistributionTables = ["DistributionReports", "DistributionRows", "Testimonials"];

    /// <summary>Column names allowed although they contain a watched word: the place's name is an institution's.</summary>
    private static readonly HashSet<string> Allowed = ["PlaceName"];

    [GeneratedRegex("name|nom|prenom|prénom|birth|naissance|born|dob|address|adresse|street|rue|postal|zip|photo|picture|image|avatar|email|mail|phone|telephone|téléphone|mobile|sex|gender|genre|nationalit|ssn|insee|child(?!renreached)|enfant|pupil|eleve|élève|student|parent(?!_)|guardian|tuteur",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonWord();

    public static IEnumerable<string> PersonColumns(IEnumerable<string> columns) =>
        columns.Where(c => !Allowed.Contains(c) && PersonWord().IsMatch(c));

    [Fact]
    public async Task No_distribution_table_has_a_column_for_a_person()
    {
        var columns = await app.Factory.WithDbAsync(async db =>
        {
            var result = new Dictionary<string, List<string>>();
            foreach (var table in DistributionTables)
            {
                result[table] = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table})").ToListAsync();
            }
            return result;
        });
        foreach (var (table, names) in columns)
        {
            Assert.True(names.Count > 0, $"table {table} not found: the test would check nothing");
            var offending = PersonColumns(names).ToList();
            Assert.True(offending.Count == 0, $"{table} has column(s) that could identify a person: {string.Join(", ", offending)}");
        }
        Assert.Contains("ChildrenReached", columns["DistributionRows"]);
        Assert.Contains("AgeBandId", columns["DistributionRows"]);
    }

    [Theory]
    [InlineData("ChildName")]
    [InlineData("FirstName")]
    [InlineData("BirthDate")]
    [InlineData("DateOfBirth")]
    [InlineData("HomeAddress")]
    [InlineData("PhotoPath")]
    [InlineData("ParentEmail")]
    [InlineData("Sex")]
    public void The_check_catches_columns_for_a_person(string column) => Assert.Single(PersonColumns([column]));
}
