using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Data.Copy;

/// <summary>
/// The PostgreSQL database a SQLite deployment is copied into, and how its schema is made (ADR 0922). The seam: until
/// the PostgreSQL migrations of issue 17 are merged, the schema comes from the model (<c>EnsureCreated</c>) through
/// <see cref="PostgreSqlSchemaContext"/>; with them, <see cref="Create"/> returns an <see cref="AppDbContext"/> on Npgsql and
/// <see cref="CreateSchemaAsync"/> applies the migrations.
/// </summary>
public static partial class PostgreSqlTarget
{
    public static AppDbContext Create(string connectionString) =>
        new PostgreSqlSchemaContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>Creates the tables in a database that has none (and the database itself when missing).</summary>
    public static Task CreateSchemaAsync(AppDbContext target, CancellationToken ct) => target.Database.EnsureCreatedAsync(ct);

    [GeneratedRegex("(?<![\"\\w])([A-Za-z_][A-Za-z0-9_]*)(?![\"\\w])")]
    internal static partial Regex Identifier();
}

/// <summary>
/// The model on PostgreSQL for the copy, until the provider's own migrations exist: the check constraints written
/// for SQLite name columns without quotes, which PostgreSQL would fold to lower case; here every column name in them is
/// quoted. Nothing else differs from <see cref="AppDbContext"/>.
/// </summary>
public sealed class PostgreSqlSchemaContext(DbContextOptions<AppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var entity in builder.Model.GetEntityTypes().ToList())
        {
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToHashSet(StringComparer.Ordinal);
            foreach (var check in entity.GetCheckConstraints().ToList())
            {
                var sql = PostgreSqlTarget.Identifier().Replace(check.Sql, m => columns.Contains(m.Value) ? $"\"{m.Value}\"" : m.Value);
                entity.RemoveCheckConstraint(check.ModelName);
                entity.AddCheckConstraint(check.ModelName, sql);
            }
        }
    }
}
