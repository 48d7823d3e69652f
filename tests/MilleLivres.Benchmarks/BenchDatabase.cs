using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Benchmarks;

/// <summary>Real SQLite files in a temporary folder, migrated like the app's, with the default age bands.</summary>
public static class BenchDatabase
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "millelivres-bench", Environment.ProcessId.ToString());

    public static string ConnectionString(string file) => $"Data Source={file};Foreign Keys=True;Default Timeout=30";

    public static AppDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(ConnectionString(file)).Options);

    /// <summary>A migrated, WAL-mode database with the four default age bands.</summary>
    public static string CreateEmpty(string name)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, name + ".db");
        SqliteConnection.ClearAllPools();
        File.Delete(file);
        using var db = Context(file);
        // The migration step adds the default age bands (reference data of every database).
        DatabaseInitializer.MigrateAsync(db).GetAwaiter().GetResult();
        return file;
    }

    public static string Isbn(int n)
    {
        var body = $"97910{n:0000000}";
        return body + MilleLivres.Core.Stock.Isbn.Isbn13CheckDigit(body);
    }

    public sealed record Row(string Isbn, string Name, string Authors, string Publisher, int MinAge, int MaxAge, Genre Genre, int Quantity);

    private static readonly string[] Words = ["lune", "renard", "forêt", "école", "dragon", "île", "secret", "voyage", "étoile", "chat", "château", "rivière"];
    private static readonly string[] Publishers = ["Gallimard Jeunesse", "L'École des loisirs", "Bayard Jeunesse", "Nathan", "Casterman", "Actes Sud Junior", "Flammarion Jeunesse", "Milan"];

    public static IReadOnlyList<Row> Rows(int count, int seed = 7)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        for (var i = 0; i < count; i++)
        {
            var min = random.Next(3, 16);
            rows.Add(new Row(Isbn(i + 1),
                $"Le {Words[random.Next(Words.Length)]} et la {Words[random.Next(Words.Length)]} {i}",
                $"Auteur {random.Next(5000)}",
                Publishers[random.Next(Publishers.Length)],
                min, Math.Min(18, min + random.Next(0, 4)),
                (Genre)random.Next(0, 7),
                random.Next(1, 60)));
        }
        return rows;
    }

    public static byte[] Csv(IEnumerable<Row> rows)
    {
        var sb = new System.Text.StringBuilder("ISBN;Titre;Auteur(s);Éditeur;Âge min;Âge max;Genre;Quantité\r\n");
        foreach (var r in rows)
        {
            sb.Append(r.Isbn).Append(';').Append(r.Name).Append(';').Append(r.Authors).Append(';').Append(r.Publisher).Append(';')
                .Append(r.MinAge).Append(';').Append(r.MaxAge).Append(';').Append(GenreText.Of(r.Genre)).Append(';').Append(r.Quantity).Append("\r\n");
        }
        return new System.Text.UTF8Encoding(true).GetBytes(sb.ToString());
    }
}
