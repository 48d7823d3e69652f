using System.Data.Common;
using System.Globalization;
using System.Reflection;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MilleLivres.Core.Data.Copy;

/// <summary>One table's rows on each side after a copy.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>The stock ledger's totals: movements per kind (count and quantity), and the titles' counters.</summary>
public sealed record LedgerTotals(IReadOnlyDictionary<string, (long Count, long Quantity)> MovementsByKind, long OnHand, long Reserved)
{
    public bool SameAs(LedgerTotals other) =>
        OnHand == other.OnHand && Reserved == other.Reserved
        && MovementsByKind.Count == other.MovementsByKind.Count
        && MovementsByKind.All(k => other.MovementsByKind.TryGetValue(k.Key, out var o) && o == k.Value);

    public string Describe()
    {
        var french = CultureInfo.GetCultureInfo("fr-FR");
        var kinds = string.Join(", ", MovementsByKind.OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => string.Create(french, $"{k.Key} {k.Value.Count:N0} ({k.Value.Quantity:N0} ex.)")));
        return string.Create(french, $"en stock {OnHand:N0}, réservés {Reserved:N0}, mouvements : {kinds}");
    }
}

public sealed record CopyCheck(IReadOnlyList<TableCount> Tables, LedgerTotals SourceLedger, LedgerTotals TargetLedger)
{
    public bool Matches => Tables.All(t => t.Matches) && SourceLedger.SameAs(TargetLedger);

    public long Rows => Tables.Sum(t => t.Source);
}

/// <summary>
/// Copies a SQLite database into an empty PostgreSQL one, generically over the EF model (ADR 0922): every table of the
/// model, parents before children (from the foreign keys), each value read with the SQLite type mapping and written with
/// the PostgreSQL one, in one transaction on the target; identity sequences are moved past the copied ids. Then every
/// table's row count and the stock ledger's totals are compared on both sides.
/// </summary>
public static class DatabaseCopy
{
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 500;

    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    /// <summary>Refuses a target with any row in any table of the model; creates the schema when it has none.</summary>
    public static async Task CopyAsync(AppDbContext source, AppDbContext target, Action<string>? progress = null, CancellationToken ct = default)
    {
        await PostgreSqlTarget.CreateSchemaAsync(target, ct);
        var tables = InsertOrder(target.Model.GetRelationalModel());
        var sourceTables = source.Model.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);

        var targetConnection = target.Database.GetDbConnection();
        await target.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var table in tables)
            {
                if (await ScalarAsync<bool>(targetConnection, null, $"SELECT EXISTS (SELECT 1 FROM {Quote(table.Name)})", ct))
                {
                    throw new DomainException($"La base PostgreSQL cible n'est pas vide (la table « {table.Name} » contient des lignes) : rien n'a été copié. Donnez une base vide.");
                }
            }

            var sqlite = (SqliteConnection)source.Database.GetDbConnection();
            await source.Database.OpenConnectionAsync(ct);
            try
            {
                // One read transaction: a consistent snapshot even if the app is still writing (WAL).
                await using var read = sqlite.BeginTransaction(deferred: true);
                await using var write = await targetConnection.BeginTransactionAsync(ct);
                foreach (var table in tables)
                {
                    if (!sourceTables.TryGetValue(table.Name, out var from))
                    {
                        throw new DomainException($"La table « {table.Name} » n'existe pas dans la base SQLite : lancez d'abord « migrate ».");
                    }
                    var copied = await CopyTableAsync(sqlite, read, from, targetConnection, write, table, ct);
                    progress?.Invoke($"{table.Name} : {copied.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} ligne(s) copiée(s).");
                }
                await ResetSequencesAsync(targetConnection, write, tables, ct);
                await write.CommitAsync(ct);
            }
            finally
            {
                await source.Database.CloseConnectionAsync();
            }
        }
        finally
        {
            await target.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Every table's row count on both sides, and the ledger's totals.</summary>
    public static async Task<CopyCheck> CheckAsync(AppDbContext source, AppDbContext target, CancellationToken ct = default)
    {
        var counts = new List<TableCount>();
        await source.Database.OpenConnectionAsync(ct);
        await target.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var table in InsertOrder(target.Model.GetRelationalModel()).OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                var sql = $"SELECT COUNT(*) FROM {Quote(table.Name)}";
                counts.Add(new TableCount(table.Name,
                    await ScalarAsync<long>(source.Database.GetDbConnection(), null, sql, ct),
                    await ScalarAsync<long>(target.Database.GetDbConnection(), null, sql, ct)));
            }
        }
        finally
        {
            await source.Database.CloseConnectionAsync();
            await target.Database.CloseConnectionAsync();
        }
        return new CopyCheck(counts, await LedgerAsync(source, ct), await LedgerAsync(target, ct));
    }

    private static async Task<LedgerTotals> LedgerAsync(AppDbContext db, CancellationToken ct)
    {
        var movements = await db.StockMovements.AsNoTracking()
            .GroupBy(m => m.Kind)
            .Select(g => new { g.Key, Count = g.LongCount(), Quantity = g.Sum(m => (long)m.Quantity) })
            .ToListAsync(ct);
        var onHand = await db.Titles.AsNoTracking().SumAsync(t => (long)t.OnHand, ct);
        var reserved = await db.Titles.AsNoTracking().SumAsync(t => (long)t.Reserved, ct);
        return new LedgerTotals(movements.ToDictionary(m => m.Key.ToString(), m => (m.Count, m.Quantity)), onHand, reserved);
    }

    /// <summary>Parents before children; a table's references to itself are left to the order of its rows (by key).</summary>
    internal static List<ITable> InsertOrder(IRelationalModel model)
    {
        var tables = model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var parents = tables.ToDictionary(t => t, t => t.ForeignKeyConstraints
            .Select(f => f.PrincipalTable).Where(p => p != t).Distinct().ToList());
        var ordered = new List<ITable>();
        var placed = new HashSet<ITable>();
        while (ordered.Count < tables.Count)
        {
            var next = tables.FirstOrDefault(t => !placed.Contains(t) && parents[t].All(placed.Contains))
                ?? throw new InvalidOperationException("Foreign keys form a cycle between tables: no insert order.");
            ordered.Add(next);
            placed.Add(next);
        }
        return ordered;
    }

    private static async Task<long> CopyTableAsync(
        SqliteConnection sqlite, SqliteTransaction read, ITable from,
        DbConnection target, DbTransaction write, ITable to, CancellationToken ct)
    {
        // Stored computed columns (Titles.Available) are the database's to fill.
        var columns = to.Columns.Where(c => c.ComputedColumnSql is null).ToList();
        var sourceColumns = columns.Select(c => from.FindColumn(c.Name)
            ?? throw new DomainException($"La colonne « {to.Name}.{c.Name} » n'existe pas dans la base SQLite : lancez d'abord « migrate ».")).ToList();
        var readers = sourceColumns.Select(c => c.PropertyMappings.First().TypeMapping).ToList();
        var writers = columns.Select(c => c.PropertyMappings.First().TypeMapping).ToList();
        var key = from.PrimaryKey?.Columns.Select(c => Quote(c.Name)).ToList() ?? [];

        await using var select = sqlite.CreateCommand();
        select.Transaction = read;
        select.CommandText = $"SELECT {string.Join(", ", sourceColumns.Select(c => Quote(c.Name)))} FROM {Quote(from.Name)}"
            + (key.Count > 0 ? $" ORDER BY {string.Join(", ", key)}" : string.Empty);
        await using var reader = await select.ExecuteReaderAsync(ct);

        var rowsPerStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParameters / columns.Count));
        var header = $"INSERT INTO {Quote(to.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ";
        var batch = new List<object?[]>(rowsPerStatement);
        long copied = 0;
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                row[i] = ForTarget(ReadModelValue(reader, i, readers[i]), writers[i]);
            }
            batch.Add(row);
            if (batch.Count == rowsPerStatement)
            {
                copied += await InsertAsync(target, write, header, columns, writers, batch, ct);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            copied += await InsertAsync(target, write, header, columns, writers, batch, ct);
        }
        return copied;
    }

    /// <summary>The value as the model holds it: read as SQLite's mapping stores it, then through its converter.</summary>
    private static object? ReadModelValue(DbDataReader reader, int ordinal, RelationalTypeMapping mapping)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        var stored = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? mapping.ClrType)
            ?? mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        object value = stored.IsEnum
            ? Enum.ToObject(stored, reader.GetInt64(ordinal))
            : GetFieldValue.MakeGenericMethod(stored).Invoke(reader, [ordinal])!;
        return mapping.Converter is null ? value : mapping.Converter.ConvertFromProvider(value);
    }

    /// <summary>
    /// SQLite gives back times without a kind; PostgreSQL's <c>timestamp with time zone</c> takes UTC only, and every
    /// time this app stores is UTC (the <c>…Utc</c> columns).
    /// </summary>
    private static object? ForTarget(object? value, RelationalTypeMapping mapping)
    {
        if (mapping.Converter is not null || !mapping.StoreType.StartsWith("timestamp with time zone", StringComparison.Ordinal))
        {
            return value;
        }
        return value switch
        {
            DateTime { Kind: DateTimeKind.Unspecified } t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
            DateTime { Kind: DateTimeKind.Local } t => t.ToUniversalTime(),
            DateTimeOffset o => o.ToUniversalTime(),
            _ => value,
        };
    }

    private static async Task<int> InsertAsync(
        DbConnection target, DbTransaction write, string header, List<IColumn> columns, List<RelationalTypeMapping> writers,
        List<object?[]> rows, CancellationToken ct)
    {
        await using var insert = target.CreateCommand();
        insert.Transaction = write;
        var sql = new System.Text.StringBuilder(header);
        var n = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var i = 0; i < columns.Count; i++)
            {
                var name = "p" + n.ToString(CultureInfo.InvariantCulture);
                n++;
                sql.Append(i == 0 ? "@" : ", @").Append(name);
                insert.Parameters.Add(writers[i].CreateParameter(insert, name, rows[r][i], columns[i].IsNullable));
            }
            sql.Append(')');
        }
        insert.CommandText = sql.ToString();
        return await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The next id PostgreSQL generates comes after the copied ones.</summary>
    private static async Task ResetSequencesAsync(DbConnection target, DbTransaction write, List<ITable> tables, CancellationToken ct)
    {
        foreach (var table in tables)
        {
            foreach (var column in table.PrimaryKey?.Columns ?? [])
            {
                var sequence = await ScalarAsync<object>(target, write,
                    $"SELECT pg_get_serial_sequence('{Quote(table.Name).Replace("'", "''", StringComparison.Ordinal)}', '{column.Name.Replace("'", "''", StringComparison.Ordinal)}')", ct);
                if (sequence is string name)
                {
                    await ScalarAsync<object>(target, write,
                        $"SELECT setval('{name.Replace("'", "''", StringComparison.Ordinal)}', COALESCE((SELECT MAX({Quote(column.Name)}) FROM {Quote(table.Name)}), 0) + 1, false)", ct);
                }
            }
        }
    }

    private static async Task<T> ScalarAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull or null ? default! : typeof(T) == typeof(object) ? (T)value : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
