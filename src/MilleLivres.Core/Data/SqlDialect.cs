using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Data;

/// <summary>
/// The seam for hand-written SQL (ADR 0900): the few statements whose text differs between SQLite and PostgreSQL
/// ask the context's dialect for their provider-specific part. Everything else is written once in the SQL both accept
/// (double-quoted names, UPDATE … FROM, guarded WHERE clauses).
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect PostgreSql = new PostgreSqlDialect();

    public static SqlDialect Of(DbContext db) => db.Database.IsNpgsql() ? PostgreSql : Sqlite;

    public abstract bool IsPostgreSql { get; }

    /// <summary>
    /// A row source over a JSON array of integer arrays bound as one parameter (<paramref name="parameter"/> is its
    /// placeholder, e.g. "{0}"): one row per element with the columns named by <paramref name="columns"/>, in order.
    /// A column whose name is in <paramref name="booleans"/> is 0/1 in the JSON and a boolean where the provider has one.
    /// </summary>
    public abstract string IntegerRows(string parameter, IReadOnlyList<string> columns, IReadOnlySet<string>? booleans = null);

    /// <summary>
    /// Same as <see cref="IntegerRows"/>, where the columns named by <paramref name="texts"/> are strings in the JSON
    /// (and text in the row), the others integers.
    /// </summary>
    public abstract string Rows(string parameter, IReadOnlyList<string> columns, IReadOnlySet<string> texts);

    private sealed class SqliteDialect : SqlDialect
    {
        public override bool IsPostgreSql => false;

        public override string IntegerRows(string parameter, IReadOnlyList<string> columns, IReadOnlySet<string>? booleans = null) =>
            "(SELECT " + string.Join(", ", columns.Select((c, i) => $"json_extract(value, '$[{i}]') AS \"{c}\"")) +
            $" FROM json_each({parameter}))";

        // json_extract gives a JSON string as text and a JSON number as an integer: nothing to cast.
        public override string Rows(string parameter, IReadOnlyList<string> columns, IReadOnlySet<string> texts) =>
            IntegerRows(parameter, columns);
    }

    private sealed class PostgreSqlDialect : SqlDialect
    {
        public override bool IsPostgreSql => true;

        public override string IntegerRows(string parameter, IReadOnlyList<string> columns, IReadOnlySet<string>? booleans = null) =>
            "(SELECT " + string.Join(", ", columns.Select((c, i) => booleans?.Contains(c) == true
                ? $"(e.value->>{i})::integer = 1 AS \"{c}\""
                : $"(e.value->>{i})::integer AS \"{c}\"")) +
            $" FROM jsonb_array_elements(CAST({parameter} AS jsonb)) AS e(value))";

        public override string Rows(string parameter, IReadOnlyList<string> columns, IReadOnlySet<string> texts) =>
            "(SELECT " + string.Join(", ", columns.Select((c, i) => texts.Contains(c)
                ? $"(e.value->>{i}) AS \"{c}\""
                : $"(e.value->>{i})::integer AS \"{c}\"")) +
            $" FROM jsonb_array_elements(CAST({parameter} AS jsonb)) AS e(value))";
    }
}
