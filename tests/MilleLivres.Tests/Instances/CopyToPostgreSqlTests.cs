using MilleLivres.Core.Auditing;
using MilleLivres.Core.Data;
using MilleLivres.Core.Data.Copy;
using MilleLivres.Core.Seeding;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Web.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Instances;

/// <summary>Moving an embedded deployment: <c>copy-to-postgresql</c> against a real PostgreSQL server.</summary>
public sealed class CopyToPostgreSqlTests
{
    private static async Task<(int Exit, string Out, string Err)> RunVerbAsync(string dataDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, null, output, error,
            c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = dataDirectory }));
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The demo data and the demo stock (its ledger: titles and donations received).</summary>
    private static async Task<AppFactory> SeededWithStockAsync()
    {
        var factory = new AppFactory();
        await factory.SeededAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<DemoStockSeeder>().SeedAsync() > 0);
        return factory;
    }

    [Fact]
    public async Task An_embedded_database_is_copied_into_an_empty_postgresql_database_checked_and_never_into_a_used_one()
    {
        using var factory = await SeededWithStockAsync();
        var target = await PostgresServer.CreateEmptyDatabaseAsync();

        var copy = await RunVerbAsync(factory.DataDirectory, CopyToPostgreSqlCommand.Verb, "--to", target);

        Assert.True(copy.Exit == 0, copy.Err);
        Assert.Contains("Copie vérifiée", copy.Out);
        Assert.Contains("totaux du registre identiques", copy.Out);
        var expected = await factory.WithDbAsync(async db => new
        {
            Titles = await db.Titles.CountAsync(),
            OnHand = await db.Titles.SumAsync(t => (long)t.OnHand),
            Movements = await db.StockMovements.CountAsync(),
            Users = await db.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.Email, u.PasswordHash }).ToListAsync(),
            Waves = await db.Waves.OrderBy(w => w.Id).Select(w => new { w.Id, w.Name, w.Status }).ToListAsync(),
            LastAudit = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => new { a.Id, a.AtUtc, a.Changes }).FirstAsync(),
        });
        await using (var pg = PostgreSqlTarget.Create(target))
        {
            Assert.Equal(expected.Titles, await pg.Titles.CountAsync());
            Assert.Equal(expected.OnHand, await pg.Titles.SumAsync(t => (long)t.OnHand));
            Assert.Equal(expected.Movements, await pg.StockMovements.CountAsync());
            Assert.Equal(expected.Users, await pg.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.Email, u.PasswordHash }).ToListAsync());
            Assert.Equal(expected.Waves, await pg.Waves.OrderBy(w => w.Id).Select(w => new { w.Id, w.Name, w.Status }).ToListAsync());
            var audit = await pg.AuditEntries.Where(a => a.Id == expected.LastAudit.Id).Select(a => new { a.Id, a.AtUtc, a.Changes }).SingleAsync();
            Assert.Equal(expected.LastAudit.Changes, audit.Changes);
            // PostgreSQL keeps microseconds; SQLite's text kept the 100 ns ticks.
            var at = expected.LastAudit.AtUtc;
            Assert.Equal(new DateTime(at.Ticks - at.Ticks % 10, DateTimeKind.Utc), audit.AtUtc);

            // The identity sequences start after the copied ids: a new row gets the next id.
            var added = new AuditEntry { AtUtc = DateTime.UtcNow, ActorName = "test", Action = "Added", EntityType = "Test", EntityId = "1", Changes = "{}" };
            pg.AuditEntries.Add(added);
            await pg.SaveChangesAsync();
            Assert.True(added.Id > expected.LastAudit.Id, $"new id {added.Id} after the copied {expected.LastAudit.Id}");
        }

        // Never into a database that holds rows: nothing is written, and it says so.
        var again = await RunVerbAsync(factory.DataDirectory, CopyToPostgreSqlCommand.Verb, "--to", target);
        Assert.Equal(1, again.Exit);
        Assert.Contains("n'est pas vide", again.Err);
        await using (var pg = PostgreSqlTarget.Create(target))
        {
            Assert.Equal(expected.Titles, await pg.Titles.CountAsync());
            Assert.Equal(expected.Movements, await pg.StockMovements.CountAsync());
        }
    }

    [Fact]
    public async Task The_check_names_a_table_whose_rows_differ_and_a_ledger_whose_totals_differ()
    {
        using var factory = await SeededWithStockAsync();
        var target = await PostgresServer.CreateEmptyDatabaseAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var pg = PostgreSqlTarget.Create(target);
        await DatabaseCopy.CopyAsync(source, pg);
        Assert.True((await DatabaseCopy.CheckAsync(source, pg)).Matches);

        await pg.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" = (SELECT MAX(\"Id\") FROM \"AuditEntries\")");
        await pg.Database.ExecuteSqlRawAsync("UPDATE \"Titles\" SET \"OnHand\" = \"OnHand\" + 1 WHERE \"Id\" = (SELECT MIN(\"Id\") FROM \"Titles\")");
        var check = await DatabaseCopy.CheckAsync(source, pg);

        Assert.False(check.Matches);
        var differing = Assert.Single(check.Tables, t => !t.Matches);
        Assert.Equal("AuditEntries", differing.Table);
        Assert.Equal(differing.Source - 1, differing.Target);
        Assert.False(check.SourceLedger.SameAs(check.TargetLedger));
        Assert.Equal(check.SourceLedger.OnHand + 1, check.TargetLedger.OnHand);
    }

    [Fact]
    public async Task An_unreachable_server_or_a_malformed_connection_string_is_refused_in_french()
    {
        using var factory = new AppFactory();
        await factory.SeededAsync();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var unreachable = await RunVerbAsync(factory.DataDirectory, CopyToPostgreSqlCommand.Verb, "--to",
            $"Host=127.0.0.1;Port={closedPort};Username=postgres;Database=absente;Timeout=5");
        Assert.Equal(1, unreachable.Exit);
        Assert.Contains("PostgreSQL a refusé la copie", unreachable.Err);

        var malformed = await RunVerbAsync(factory.DataDirectory, CopyToPostgreSqlCommand.Verb, "--to", "Hote=;;=x");
        Assert.Equal(1, malformed.Exit);
        Assert.Contains("chaîne de connexion PostgreSQL (--to) est invalide", malformed.Err);
    }
}
