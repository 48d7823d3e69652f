using System.Text.RegularExpressions;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Data;

/// <summary>
/// What the model needs only on PostgreSQL (ADR 0900); the SQLite model, and so its migrations, stay as they are.
/// </summary>
internal static partial class PostgreSqlModel
{
    public static void Apply(ModelBuilder builder)
    {
        // Title search: the folded text (Title.SearchText) is searched with LIKE '%…%'; a trigram GIN index serves it.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Title>().HasIndex(t => t.SearchText).HasDatabaseName("IX_Titles_SearchText_Trigram")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        QuoteCheckConstraintColumns(builder);
    }

    /// <summary>
    /// Check constraints are written once for both providers; PostgreSQL folds unquoted names to lower case, so the
    /// table's column names written bare ("Quota > 0") are quoted here ("\"Quota\" > 0").
    /// </summary>
    private static void QuoteCheckConstraintColumns(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var constraint in entity.GetCheckConstraints().ToList())
            {
                var sql = constraint.Sql;
                var quoted = BareIdentifier().Replace(sql, m => columns.Contains(m.Value) ? $"\"{m.Value}\"" : m.Value);
                if (quoted != sql)
                {
                    var name = constraint.ModelName;
                    entity.RemoveCheckConstraint(name);
                    entity.AddCheckConstraint(name, quoted);
                }
            }
        }
    }

    [GeneratedRegex("(?<![\"A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*(?![\"A-Za-z0-9_])")]
    private static partial Regex BareIdentifier();
}
