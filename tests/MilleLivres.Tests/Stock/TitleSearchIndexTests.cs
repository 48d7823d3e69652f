using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Stock;

/// <summary>The stock search goes through the FTS5 trigram index kept by triggers on Titles (ADR 0522).</summary>
public class TitleSearchIndexTests(SeededApp app) : IClassFixture<SeededApp>
{
    private Task<IReadOnlyList<string>> SearchAsync(string text) => app.Factory.WithDbAsync<IReadOnlyList<string>>(async db =>
        (await StockList.QueryAsync(db, new StockListQuery(Search: text), 50)).Rows.Select(r => r.Name).ToList());

    [Fact]
    public async Task Search_finds_titles_through_the_index_and_follows_new_and_renamed_titles()
    {
        var band = await app.Factory.WithDbAsync(db => db.AgeBands.OrderBy(b => b.SortOrder).Select(b => b.Id).FirstAsync());
        var id = await app.Factory.WithDbAsync(async db =>
        {
            var title = new Title(TestIsbns.Next(), "Le Renard Écarlate de Zanzibar", "Ana Tolé", "Éditions Index", band, Genre.Album);
            db.Titles.Add(title);
            await db.SaveChangesAsync();
            return title.Id;
        });
        var indexed = await app.Factory.WithDbAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM \"TitleSearch\" WHERE \"TitleSearch\" MATCH '\"ecarlate de zanz\"'").ToListAsync());
        Assert.Equal([id], indexed);

        Assert.Contains("Le Renard Écarlate de Zanzibar", await SearchAsync("écarlate DE zanzibar"));
        Assert.Contains("Le Renard Écarlate de Zanzibar", await SearchAsync("Tolé"));
        Assert.Empty(await SearchAsync("carlate de zanzibar renard"));

        await app.Factory.WithDbAsync(async db =>
        {
            var title = await db.Titles.SingleAsync(t => t.Id == id);
            title.Update("La Chouette Turquoise de Tombouctou", title.Authors, title.Publisher, title.AgeBandId, title.Genre, title.Language);
            await db.SaveChangesAsync();
        });

        Assert.Contains("La Chouette Turquoise de Tombouctou", await SearchAsync("turquoise"));
        Assert.DoesNotContain("Le Renard Écarlate de Zanzibar", await SearchAsync("zanzibar"));
        Assert.Empty(await SearchAsync("zanzibar"));
        // Two letters cannot use trigrams: the scan still answers; quotes are searched, not parsed.
        Assert.Contains("La Chouette Turquoise de Tombouctou", await SearchAsync("uo"));
        Assert.Empty(await SearchAsync("tur\"quoise"));
    }
}
