using System.Net;
using System.Text;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Stock;
using MilleLivres.Web.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Integrity;

/// <summary>A production database, as an operator makes it: `migrate`, then `import-stock`, no demo data.</summary>
public sealed class ProductionDatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "millelivres-tests", "prod-" + Guid.NewGuid().ToString("N"));

    public ProductionDatabaseTests() => Directory.CreateDirectory(_folder);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, null, output, error, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _folder,
            ["Database:ConnectionString"] = "",
        }));
        return (code, output.ToString(), error.ToString());
    }

    private async Task<List<(long Min, long Max, string Name)>> BandsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "millelivres.db")};Pooling=False");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT MinAge, MaxAge, Name FROM AgeBands ORDER BY SortOrder";
        var bands = new List<(long, long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            bands.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }
        return bands;
    }

    [Fact]
    public async Task Migrate_gives_every_database_the_default_age_bands_and_a_clean_publisher_file_imports()
    {
        Assert.Equal(0, (await RunAsync("migrate")).Code);
        Assert.Equal([(3L, 5L, "maternelle"), (6L, 10L, "élémentaire"), (11L, 14L, "collège"), (15L, 18L, "lycée")], await BandsAsync());

        var file = Path.Combine(_folder, "gallimard.csv");
        await File.WriteAllTextAsync(file,
            "ISBN;Titre;Auteur(s);Âge min;Âge max;Genre;Quantité\r\n"
            + $"{TestIsbns.Next()};Le Bélier têtu;Léa Noël;8;12;roman;25\r\n"
            + $"{TestIsbns.Next()};Petit Ours;Anne Brun;3;5;album;10\r\n", new UTF8Encoding(true));
        var import = await RunAsync("import-stock", file, "--publisher", "Gallimard Jeunesse", "--date", "2020-04-27");
        Assert.True(import.Code == 0, import.Output + import.Error);
        Assert.Contains("2 titre(s) créé(s), 0 complété(s), 35 exemplaire(s)", import.Output);

        // Running it again adds nothing: staff's bands are never touched.
        Assert.Equal(0, (await RunAsync("migrate")).Code);
        Assert.Equal(4, (await BandsAsync()).Count);
    }

    [Fact]
    public async Task Import_stock_refuses_an_implausible_reception_date_in_french()
    {
        var file = Path.Combine(_folder, "x.csv");
        await File.WriteAllTextAsync(file, $"ISBN;Titre;Tranche;Quantité\n{TestIsbns.Next()};Trop tôt;6-10 ans;3\n");
        var result = await RunAsync("import-stock", file, "--publisher", "Nathan", "--date", "0001-01-01");
        Assert.NotEqual(0, result.Code);
        Assert.Contains("La date de réception doit être comprise entre le 01/01/2020 et le", result.Output + result.Error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}

public class AgeBandGapTests
{
    [Fact]
    public void An_age_no_band_covers_is_refused_with_the_bands_that_exist()
    {
        var resolver = new AgeBandResolver([(1, "maternelle", 3, 5), (2, "collège", 11, 18)]);
        Assert.False(resolver.TryResolve(7, 8, out _, out var error));
        Assert.Equal("Aucune tranche d'âge ne couvre 7-8 ans (tranches : 3-5 ans, 11-18 ans) : corrigez les âges ou les tranches d'âge.", error);
    }

    [Fact]
    public void With_no_band_at_all_the_message_says_to_create_them()
    {
        var resolver = new AgeBandResolver([]);
        Assert.False(resolver.TryResolve(8, 12, out _, out var error));
        Assert.Equal(AgeBand.NoneDefined, error);
    }

    [Fact]
    public void Every_band_label_is_written_the_same_way()
    {
        var band = new AgeBand("élémentaire", 6, 10, 2);
        Assert.Equal("6-10 ans (élémentaire)", band.Label);
        Assert.Equal(band.Label, AgeBand.LabelOf(6, 10, "élémentaire"));
        Assert.Equal("6-10 ans", AgeBand.AgesOf(6, 10));
    }
}

/// <summary>Quantities, dates and typed values people enter: bounded, plausible, refused in French at the field.</summary>
public class InputBoundsTests(SeededApp app) : IClassFixture<SeededApp>
{
    private AppFactory Factory => app.Factory;

    [Fact]
    public async Task A_title_cannot_hold_more_than_a_million_copies_and_the_donation_says_so_at_the_line()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var id = await StockLedgerTests.NewTitleAsync(Factory, "Presque plein", onHand: StockLedger.MaxOnHand - 10);
        var isbn = await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == id).Select(t => t.Isbn).SingleAsync());

        var response = await client.SubmitFormAsync("/Staff/Stock/Donation", new Dictionary<string, string>
        {
            ["Input.Publisher"] = "Bayard",
            ["Input.ReceivedOn"] = "2020-05-02",
            ["Input.Lines[0].Isbn"] = isbn,
            ["Input.Lines[0].Quantity"] = "11",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le stock de « Presque plein » dépasserait", (await Http.ParseAsync(response)).FieldError("Input.Lines[0].Quantity"));
        Assert.Equal(StockLedger.MaxOnHand - 10, await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == id).Select(t => t.OnHand).SingleAsync()));

        // The ledger itself holds the line, whoever calls it.
        await using var scope = Factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<StockLedger>();
        var e = await Assert.ThrowsAsync<DomainException>(() => ledger.AdjustAsync(id, 11, AdjustmentReason.InventoryCount, null));
        Assert.Contains("dépasserait", e.Message);
    }

    [Fact]
    public async Task A_shortage_is_refused_with_a_typed_exception_callers_catch_by_type()
    {
        var id = await StockLedgerTests.NewTitleAsync(Factory, "Rare", onHand: 2);
        await using var scope = Factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<StockLedger>();
        var e = await Assert.ThrowsAsync<StockShortageException>(() => ledger.ReserveAsync(id, 3, 1, 1, "Dotation"));
        Assert.Equal("Quantity", e.Field);
        Assert.IsAssignableFrom<DomainException>(e);
    }

    [Fact]
    public async Task The_donation_service_creates_an_unknown_isbn_once_and_adds_to_known_titles()
    {
        var knownId = await StockLedgerTests.NewTitleAsync(Factory, "Connu", onHand: 4);
        var known = await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == knownId).Select(t => t.Isbn).SingleAsync());
        var unknown = TestIsbns.Next();
        var band = await Factory.WithDbAsync(db => db.AgeBands.Where(b => b.MinAge == 6).Select(b => b.Id).SingleAsync());
        await using var scope = Factory.Services.CreateAsyncScope();
        var donations = scope.ServiceProvider.GetRequiredService<StockDonations>();

        var missingName = await Assert.ThrowsAsync<InvalidDonationLinesException>(() => donations.ReceiveAsync("Nathan", new DateOnly(2020, 6, 1), null,
            [new DonationLine(0, unknown, 2, null, null, band, Genre.Album)]));
        Assert.Equal(new DonationLineError(0, "Name", Title.UnknownIsbnNeedsName(unknown)), Assert.Single(missingName.Errors));

        var received = await donations.ReceiveAsync("Nathan", new DateOnly(2020, 6, 1), "BL-9",
        [
            new DonationLine(0, known, 6, null, null, null, null),
            new DonationLine(1, unknown, 2, "Nouveau", "A. Autrice", band, Genre.Album),
            new DonationLine(2, unknown, 3, null, null, null, null),
        ]);

        Assert.Equal(new DonationReceived(11, 1), received);
        Assert.Equal(10, await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == knownId).Select(t => t.OnHand).SingleAsync()));
        Assert.Equal(5, await Factory.WithDbAsync(db => db.Titles.Where(t => t.Isbn == unknown).Select(t => t.OnHand).SingleAsync()));
    }

    [Fact]
    public async Task An_import_preview_of_two_billion_copies_adds_up_in_64_bits_without_failing()
    {
        var csv = new StringBuilder("ISBN;Titre;Tranche;Quantité\n");
        for (var i = 0; i < 2200; i++)
        {
            csv.Append(TestIsbns.Next()).Append(";Titre ").Append(i).Append(";6-10 ans;1000000\n");
        }
        await using var scope = Factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<StockImporter>();

        var preview = await importer.PreviewAsync(Encoding.UTF8.GetBytes(csv.ToString()), "enorme.csv", "Nathan", new DateOnly(2020, 5, 4));

        Assert.Equal(2_200_000_000L, preview.Copies);
        Assert.Contains("2200000000 exemplaire(s) au total", string.Join("\n", preview.Report()));
    }

    [Fact]
    public async Task The_stock_summary_adds_up_more_than_two_billion_copies()
    {
        var band = await Factory.WithDbAsync(db => db.AgeBands.Where(b => b.MinAge == 15).Select(b => b.Id).SingleAsync());
        var before = await Factory.WithDbAsync(db => db.Titles.Where(t => t.AgeBandId == band).SumAsync(t => (long)t.OnHand));
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 2200; i++)
            {
                db.Titles.Add(new Title(TestIsbns.Next(), $"Gros stock {i}", null, "Nathan", band, Genre.Roman));
            }
            await db.SaveChangesAsync();
            // Straight to the counters: the ledger would take 2,200 calls for what only the sums need.
            await db.Database.ExecuteSqlRawAsync("UPDATE Titles SET OnHand = 1000000 WHERE Name LIKE 'Gros stock %'");
        });
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);

        var summary = await client.GetDocumentAsync("/Staff/Stock/Summary");

        var expected = (before + 2_200_000_000L).ToString("N0", new System.Globalization.CultureInfo("fr-FR"));
        var plain = (before + 2_200_000_000L).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = summary.Text();
        Assert.True(text.Contains(plain) || text.Contains(expected), "the summary shows the 64-bit total");
        await Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE Titles SET OnHand = 0 WHERE Name LIKE 'Gros stock %'"));
    }

    [Fact]
    public async Task Absurd_dates_are_refused_at_the_field_for_donations_and_waves()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var donation = await client.SubmitFormAsync("/Staff/Stock/Donation", new Dictionary<string, string>
        {
            ["Input.Publisher"] = "Bayard",
            ["Input.ReceivedOn"] = "0001-01-01",
            ["Input.Lines[0].Isbn"] = TestIsbns.Next(),
            ["Input.Lines[0].Quantity"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, donation.StatusCode);
        Assert.StartsWith("La date doit être comprise entre le 01/01/2020 et le ", (await Http.ParseAsync(donation)).FieldError("Input.ReceivedOn"));

        var wave = await client.SubmitFormAsync("/Staff/Waves/Create", new Dictionary<string, string>
        {
            ["Input.Number"] = "77",
            ["Input.Name"] = "Vague du futur",
            ["Input.PlannedDeliveryOn"] = "9999-12-31",
        });
        Assert.Equal(HttpStatusCode.OK, wave.StatusCode);
        Assert.StartsWith("La date doit être comprise entre le 01/01/2020 et le ", (await Http.ParseAsync(wave)).FieldError("Input.PlannedDeliveryOn"));
        Assert.False(await Factory.WithDbAsync(db => db.Waves.AnyAsync(w => w.Number == 77)));

        // Two years ahead is the limit; a date in it is accepted.
        Assert.Null(PlausibleDates.Problem(new DateOnly(2020, 1, 1), new DateOnly(2026, 11, 28)));
        Assert.Null(PlausibleDates.Problem(new DateOnly(2028, 11, 28), new DateOnly(2026, 11, 28)));
        Assert.NotNull(PlausibleDates.Problem(new DateOnly(2028, 11, 29), new DateOnly(2026, 11, 28)));
        Assert.NotNull(PlausibleDates.Problem(new DateOnly(2019, 12, 31), new DateOnly(2026, 11, 28)));
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("1.5")]
    [InlineData("douze")]
    public async Task Values_the_binder_cannot_read_get_a_french_message_at_the_field(string quantity)
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var id = await StockLedgerTests.NewTitleAsync(Factory, "Illisible", onHand: 5);
        var response = await client.SubmitFormAsync($"/Staff/Stock/Adjust/{id}", new Dictionary<string, string>
        {
            ["Input.Quantity"] = quantity,
            ["Input.Reason"] = nameof(AdjustmentReason.InventoryCount),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"La valeur « {quantity} » n'est pas valide pour ce champ : vérifiez le nombre ou la date saisis.",
            (await Http.ParseAsync(response)).FieldError("Input.Quantity"));
    }

    [Fact]
    public async Task An_impossible_calendar_date_gets_a_french_message_at_the_field()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.SubmitFormAsync("/Staff/Waves/Create", new Dictionary<string, string>
        {
            ["Input.Number"] = "78",
            ["Input.Name"] = "Vague du 31 février",
            ["Input.PlannedDeliveryOn"] = "2026-02-31",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("La valeur « 2026-02-31 » n'est pas valide pour ce champ : vérifiez le nombre ou la date saisis.",
            (await Http.ParseAsync(response)).FieldError("Input.PlannedDeliveryOn"));
    }
}

public class TownBoundsTests
{
    [Fact]
    public void Expected_children_per_band_are_bounded_in_french()
    {
        var town = new Town("Lens", "62498", "Pas-de-Calais", "Hauts-de-France", "Cité éducative de Lens", false);
        var e = Assert.Throws<DomainException>(() => town.SetExpectedChildren(new Dictionary<int, int> { [1] = Town.MaxChildrenPerBand + 1 }));
        Assert.Equal(Town.TooManyChildren, e.Message);
        Assert.Matches(@"^Au plus 100.000 enfants par tranche d'âge\.$", e.Message);
        town.SetExpectedChildren(new Dictionary<int, int> { [1] = Town.MaxChildrenPerBand });
        Assert.Equal(Town.MaxChildrenPerBand, town.ExpectedChildren.Single().Children);
    }
}
