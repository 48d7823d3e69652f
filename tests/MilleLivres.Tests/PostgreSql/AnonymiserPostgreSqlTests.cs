using MilleLivres.Core.Applications;
using MilleLivres.Core.PersonalData;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.PostgreSql;

/// <summary>The erasure's last step walks PostgreSQL's own catalogue and rows (ctid) as it walks SQLite's (ADR 0900).</summary>
public class AnonymiserPostgreSqlTests(SeededPostgresApp app) : IClassFixture<SeededPostgresApp>
{
    [Fact]
    public async Task Scrubbing_an_address_replaces_it_in_every_text_column_of_a_postgresql_database()
    {
        const string address = "Personne.Effacee@ville.example";
        var columns = await app.Factory.WithDbAsync(db => Anonymiser.TextColumnsAsync(db));
        Assert.Contains(columns, c => c.Table == "AuditEntries" && c.Column == "Changes");
        Assert.Contains(columns, c => c.Table == "OutboxEmails" && c.Column == "Recipient");
        Assert.DoesNotContain(columns, c => c.Table == "Titles" && c.Column == "OnHand");

        await app.Factory.WithDbAsync(async db =>
        {
            db.AddAuditEntry("Test", "Personne", "1", new { Courriel = address.ToLowerInvariant(), Note = "écrit par " + address });
            db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.ApplicationStatusLink, address, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        int changed;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            changed = await scope.ServiceProvider.GetRequiredService<Anonymiser>().ScrubEverywhereAsync([address], "[effacé]", CancellationToken.None);
        }

        Assert.True(changed >= 2, $"{changed} values changed");
        var left = await app.Factory.WithDbAsync(async db =>
            await db.AuditEntries.CountAsync(a => a.Changes.ToLower().Contains("personne.effacee@ville.example"))
            + await db.OutboxEmails.CountAsync(m => m.Recipient.ToLower() == "personne.effacee@ville.example"));
        Assert.Equal(0, left);
        Assert.True(await app.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Test" && a.Changes.Contains("[effacé]"))));
    }
}
