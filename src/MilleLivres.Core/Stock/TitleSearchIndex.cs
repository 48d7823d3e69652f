using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Stock;

/// <summary>
/// An FTS5 trigram index over the folded <see cref="Title.SearchText"/>, kept by triggers on <c>Titles</c>, so a search
/// for a word is an index lookup instead of a scan of every title (ADR 0522). Created at start-up, after the
/// migrations, when missing (it is not part of the EF model: regenerating the migrations does not lose it), and
/// filled from the existing titles the first time.
/// </summary>
public static class TitleSearchIndex
{
    public const string Table = "TitleSearch";

    /// <summary>Shorter searches cannot use trigrams: they scan, as before.</summary>
    public const int MinLength = 3;

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct = default)
    {
        var exists = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'TitleSearch'").SingleAsync(ct) > 0;
        await db.Database.ExecuteSqlRawAsync("""
            CREATE VIRTUAL TABLE IF NOT EXISTS "TitleSearch" USING fts5("SearchText", content='Titles', content_rowid='Id', tokenize='trigram');
            CREATE TRIGGER IF NOT EXISTS "TR_Titles_Search_Insert" AFTER INSERT ON "Titles" BEGIN
                INSERT INTO "TitleSearch"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
            END;
            CREATE TRIGGER IF NOT EXISTS "TR_Titles_Search_Delete" AFTER DELETE ON "Titles" BEGIN
                INSERT INTO "TitleSearch"("TitleSearch", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
            END;
            CREATE TRIGGER IF NOT EXISTS "TR_Titles_Search_Update" AFTER UPDATE OF "SearchText" ON "Titles" BEGIN
                INSERT INTO "TitleSearch"("TitleSearch", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                INSERT INTO "TitleSearch"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
            END;
            """, ct);
        if (!exists)
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"TitleSearch\"(\"TitleSearch\") VALUES ('rebuild')", ct);
        }
    }

    /// <summary>The FTS5 query for a folded search: the whole text as one phrase, which the trigram tokenizer matches as a substring.</summary>
    public static string MatchOf(string folded) => "\"" + folded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
