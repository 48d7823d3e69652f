using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Web.Cli;
using MilleLivres.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MilleLivres.Tests.Cli;

/// <summary>The operator verbs, run in-process against a real SQLite file in a temporary folder.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "millelivres-cli-tests", Guid.NewGuid().ToString("N"));

    private string DatabaseFile => Path.Combine(_dataDirectory, "millelivres.db");

    private async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, string? stdin = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdin is null ? null : new StringReader(stdin), output, error,
            c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = _dataDirectory }));
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The demo towns, waves and accounts (what these tests arrange on; Seed_demo_adds_the_real_towns_once runs the verb
    /// itself): a copy of the test process's migrated, seeded template (no demonstration stock) instead of migrating and
    /// seeding again, 480 titles through the ledger included, for each test.
    /// </summary>
    private Task SeededAsync() => AppFactory.CopySeededDatabaseToAsync(_dataDirectory);

    private AppDbContext OpenDb() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={DatabaseFile}").Options);

    [Fact]
    public async Task Migrate_creates_an_empty_database()
    {
        var (exit, output, _) = await RunAsync(["migrate"]);
        Assert.Equal(0, exit);
        Assert.Contains("Base de données à jour", output);
        await using var db = OpenDb();
        Assert.Empty(await db.Waves.ToListAsync());
        Assert.Empty(await db.Users.ToListAsync());
    }

    [Fact]
    public async Task Seed_demo_adds_the_real_towns_once()
    {
        var first = await RunAsync(["seed-demo"]);
        Assert.Equal(0, first.Exit);
        Assert.Contains("equipe@biblionef.demo", first.Out);
        var second = await RunAsync(["seed-demo"]);
        Assert.Equal(0, second.Exit);
        Assert.Contains("rien n'a été ajouté", second.Out);
        await using var db = OpenDb();
        Assert.Equal(21, await db.WaveTowns.CountAsync(w => w.Wave.Number <= 2));
        Assert.Equal(13, await db.Towns.CountAsync(t => t.IsVilleBanlieueMember));

        // Demo stock, through the ledger: every title's counter equals the sum of its movements.
        Assert.Contains("Stock de démonstration", first.Out);
        Assert.Equal(4 * MilleLivres.Core.Seeding.DemoStockSeeder.TitlesPerBand, await db.Titles.CountAsync());
        var onHand = await db.Titles.SumAsync(t => t.OnHand);
        Assert.Equal(onHand, await db.StockMovements.SumAsync(m => m.Quantity));
        Assert.True(await db.Titles.AllAsync(t => t.Available == t.OnHand && t.OnHand >= 2));
        Assert.Equal(await db.Titles.CountAsync(), await db.Titles.Select(t => t.Isbn).Distinct().CountAsync());
    }

    [Fact]
    public async Task Create_user_reads_the_password_from_standard_input()
    {
        await SeededAsync();
        var (exit, output, error) = await RunAsync(["create-user", "--email", "coord.arras@example.fr", "--role", "Coordinator", "--town", "62041", "--town", "62193"], "un mot de passe assez long\n");
        Assert.True(exit == 0, error);
        Assert.Contains("Compte créé : coord.arras@example.fr", output);
        Assert.DoesNotContain("généré", output);
        await using var db = OpenDb();
        var user = await db.Users.Include(u => u.CoordinatedTowns).ThenInclude(c => c.Town).SingleAsync(u => u.Email == "coord.arras@example.fr");
        Assert.Equal(["Arras", "Calais"], user.CoordinatedTowns.Select(c => c.Town.Name).Order());
    }

    [Fact]
    public async Task Create_user_generates_a_password_when_none_is_given_and_it_signs_in()
    {
        await RunAsync(["migrate"]);
        var (exit, output, _) = await RunAsync(["create-user", "--email", "chef@biblionef.example", "--role", "Staff"]);
        Assert.Equal(0, exit);
        var password = output.Split('\n').Single(l => l.StartsWith("Mot de passe généré", StringComparison.Ordinal)).Split(" : ")[1].Trim();
        Assert.Equal(20, password.Length);
        await using var db = OpenDb();
        var user = await db.Users.SingleAsync(u => u.Email == "chef@biblionef.example");
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>();
        Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, password));
    }

    [Theory]
    [InlineData(new[] { "create-user", "--email", "x@example.fr", "--role", "Coordinator" }, "au moins une ville")]
    [InlineData(new[] { "create-user", "--email", "x@example.fr", "--role", "Coordinator", "--town", "99999" }, "Aucune ville avec le code INSEE 99999")]
    [InlineData(new[] { "create-user", "--email", "x@example.fr", "--role", "Coordinator", "--town", "12" }, "n'est pas un code INSEE valide")]
    [InlineData(new[] { "create-user", "--email", "pas-une-adresse", "--role", "Staff" }, "n'est pas une adresse électronique valide")]
    public async Task Create_user_refuses_bad_input_with_a_french_message_and_creates_nothing(string[] args, string message)
    {
        await SeededAsync();
        var (exit, _, error) = await RunAsync(args, "un mot de passe assez long\n");
        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
        await using var db = OpenDb();
        Assert.Equal(3, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Create_user_refuses_a_short_password()
    {
        await SeededAsync();
        var (exit, _, error) = await RunAsync(["create-user", "--email", "court@example.fr", "--role", "Staff"], "court\n");
        Assert.Equal(1, exit);
        Assert.Contains("au moins 12 caractères", error);
    }

    [Fact]
    public async Task Unknown_role_is_refused_by_the_parser()
    {
        var (exit, _, error) = await RunAsync(["create-user", "--email", "x@example.fr", "--role", "Admin"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("Admin", error);
    }

    [Fact]
    public async Task Backup_writes_a_consistent_copy_while_a_writer_holds_the_database()
    {
        await SeededAsync();
        var target = Path.Combine(_dataDirectory, "sauvegarde.db");
        // An open connection in the middle of a write transaction, as the running app would have.
        await using (var writer = new SqliteConnection($"Data Source={DatabaseFile}"))
        {
            await writer.OpenAsync();
            await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync();
            var cmd = writer.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE Towns SET Name = 'pas encore validé' WHERE InseeCode = '62498'";
            await cmd.ExecuteNonQueryAsync();

            var (exit, output, error) = await RunAsync(["backup", "--to", target]);
            Assert.True(exit == 0, error);
            Assert.Contains("Sauvegarde écrite", output);
            await tx.RollbackAsync();
        }
        await using var copy = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={target}").Options);
        Assert.Equal("Lens", await copy.Towns.Where(t => t.InseeCode == "62498").Select(t => t.Name).SingleAsync());
        Assert.Equal(3, await copy.Waves.CountAsync());
    }

    [Fact]
    public async Task Backup_never_overwrites_an_existing_file()
    {
        await RunAsync(["migrate"]);
        var target = Path.Combine(_dataDirectory, "existe.db");
        await File.WriteAllTextAsync(target, "précieux");
        var (exit, _, error) = await RunAsync(["backup", "--to", target]);
        Assert.NotEqual(0, exit);
        Assert.Contains("existe déjà", error);
        Assert.Equal("précieux", await File.ReadAllTextAsync(target));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
