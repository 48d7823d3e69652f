using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MilleLivres.Core.PersonalData;

/// <summary>
/// The steps shared by the retention job and erasure requests. Callers run them inside one transaction, after the
/// entities' own anonymisation is saved (that save writes audit rows holding the old values, which are then redacted).
/// </summary>
public sealed class Anonymiser(AppDbContext db, TimeProvider clock, Mail.PickupDirectoryMailTransport pickup)
{
    /// <summary>Audit keys holding personal values, per audited entity type (prefix match: "Applicant." covers all its fields).</summary>
    private static readonly Dictionary<string, string[]> PersonalAuditKeys = new()
    {
        [nameof(TownApplication)] = ["Applicant.", "Coordinator.", "ApplicantRole", "Partners", "Plan", "Delivery.Street", "Delivery.AccessNotes"],
        [nameof(Town)] = ["Principal.", "DeputyDirectorGeneral.", "PrefectDelegate.", "CoordinatorContact.", "DeliveryContact.", "DeliveryAddress.AccessNotes"],
        [nameof(CoordinatorInvitation)] = ["Email", "Name"],
    };

    /// <summary>
    /// Replaces the personal values in the old/new fields of the audit rows of these entities. Returns the rows changed.
    /// </summary>
    public async Task<int> RedactAuditAsync(string entityType, IEnumerable<int> ids, CancellationToken ct)
    {
        var keys = PersonalAuditKeys[entityType];
        var idTexts = ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        var changed = 0;
        foreach (var chunk in idTexts.Chunk(500))
        {
            var entries = await db.AuditEntries.Where(a => a.EntityType == entityType && chunk.Contains(a.EntityId)).ToListAsync(ct);
            foreach (var entry in entries)
            {
                var redacted = Redact(entry.Changes, keys);
                if (redacted != entry.Changes)
                {
                    entry.Changes = redacted;
                    changed++;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }

    internal static string Redact(string changesJson, IReadOnlyCollection<string> keys)
    {
        if (JsonNode.Parse(changesJson) is not JsonObject changes)
        {
            return changesJson;
        }
        var touched = false;
        foreach (var name in changes.Select(p => p.Key).ToList())
        {
            if (!keys.Any(k => k.EndsWith('.') ? name.StartsWith(k, StringComparison.Ordinal) : name == k))
            {
                continue;
            }
            var value = changes[name];
            JsonNode? replacement = value is JsonArray pair
                ? new JsonArray(pair.Select(v => v is null ? null : (JsonNode)JsonValue.Create(Anonymised.Text)).ToArray())
                : value is null ? null : JsonValue.Create(Anonymised.Text);
            if (JsonSerializer.Serialize(value) != JsonSerializer.Serialize(replacement))
            {
                changes[name] = replacement;
                touched = true;
            }
        }
        return touched
            ? changes.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            : changesJson;
    }

    /// <summary>
    /// Disables the account and replaces its personal fields. Its id stays, so the audit trail still tells which
    /// account did what; the name shown for its actions becomes the placeholder.
    /// </summary>
    public async Task AnonymiseAccountAsync(AppUser user, CancellationToken ct)
    {
        var placeholder = Anonymised.AccountEmail(user.Id);
        user.Email = placeholder;
        user.UserName = placeholder;
        user.NormalizedEmail = placeholder.ToUpperInvariant();
        user.NormalizedUserName = placeholder.ToUpperInvariant();
        user.DisplayName = Anonymised.AccountName;
        user.PhoneNumber = null;
        user.PasswordHash = null;
        user.EmailConfirmed = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        // A new stamp invalidates the person's sign-in cookies.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        user.AnonymisedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.Set<IdentityUserClaim<string>>().Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.Set<IdentityUserLogin<string>>().Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.Set<IdentityUserToken<string>>().Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
        var name = $"{Anonymised.AccountName} ({user.Id[..Math.Min(8, user.Id.Length)]})";
        await db.AuditEntries.Where(a => a.ActorId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorName, name), ct);
        await db.StockMovements.Where(m => m.ActorId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ActorName, name), ct);
        await db.StockImports.Where(m => m.ActorId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ActorName, name), ct);
    }

    /// <summary>
    /// Mail anonymisation: the address, copy, bodies and details of sent mails older than
    /// <paramref name="sentBeforeUtc"/> are cleared, and their .eml copies in the pickup folder (written when no SMTP
    /// server is set) are deleted; that a mail was sent, of which kind and when, stays.
    /// </summary>
    public async Task<int> AnonymiseSentMailsAsync(DateTime sentBeforeUtc, CancellationToken ct)
    {
        var mails = db.OutboxEmails
            .Where(m => m.Status == OutboxEmailStatus.Sent && m.SentAtUtc != null && m.SentAtUtc <= sentBeforeUtc && m.Recipient != Anonymised.Text);
        var messageIds = await mails.Select(m => m.MessageId).ToListAsync(ct);
        var changed = await mails.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Recipient, Anonymised.Text)
            .SetProperty(m => m.CopyTo, (string?)null)
            .SetProperty(m => m.TextBody, (string?)null)
            .SetProperty(m => m.HtmlBody, (string?)null)
            .SetProperty(m => m.Details, (string?)null), ct);
        // Files are not part of the transaction: deleted once the rows are changed; should the transaction then fail,
        // the rows are anonymised by the next run and only the copies (the personal part) are already gone.
        pickup.DeleteCopies(messageIds);
        return changed;
    }

    /// <summary>Erasure: every mail to this address (or copied to it), sent or not, loses it and its body; a mail not yet sent is never sent.</summary>
    public async Task<int> AnonymiseMailsToAsync(string email, CancellationToken ct)
    {
        var lowered = email.Trim().ToLowerInvariant();
        var mails = db.OutboxEmails.Where(m => m.Recipient.ToLower() == lowered || (m.CopyTo != null && m.CopyTo.ToLower().Contains(lowered)));
        await mails.Where(m => m.Status == OutboxEmailStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxEmailStatus.Failed), ct);
        var messageIds = await mails.Select(m => m.MessageId).ToListAsync(ct);
        var changed = await mails.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Recipient, Anonymised.Text)
            .SetProperty(m => m.CopyTo, (string?)null)
            .SetProperty(m => m.TextBody, (string?)null)
            .SetProperty(m => m.HtmlBody, (string?)null)
            .SetProperty(m => m.Details, (string?)null), ct);
        // The .eml copies in the pickup folder hold the address and the body too.
        pickup.DeleteCopies(messageIds);
        return changed;
    }

    /// <summary>
    /// Last step of an erasure: the address (and the person's names) replaced wherever they are still written, in every
    /// text column of every table (decision authors, actors' names, free texts, the audit trail). Returns the values changed.
    /// </summary>
    public async Task<int> ScrubEverywhereAsync(IReadOnlyCollection<string> needles, string replacement, CancellationToken ct)
    {
        var terms = needles.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.Length).ToList();
        if (terms.Count == 0)
        {
            return 0;
        }
        var pattern = new Regex(string.Join("|", terms.Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var changed = 0;
        var postgreSql = Data.SqlDialect.Of(db).IsPostgreSql;
        foreach (var (table, column) in await TextColumnsAsync(db, ct))
        {
            var hits = new List<(object RowId, string Value)>();
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                // The row's physical id: SQLite's rowid, PostgreSQL's ctid (read as text, stable within the transaction).
                var conditions = postgreSql
                    ? "(" + string.Join(" OR ", terms.Select((_, i) => $"strpos(lower(\"{column}\"), @n{i}) > 0")) + ")"
                    : $"typeof(\"{column}\") = 'text' AND (" + string.Join(" OR ", terms.Select((_, i) => $"instr(lower(\"{column}\"), @n{i}) > 0")) + ")";
                command.CommandText = postgreSql
                    ? $"SELECT ctid::text, \"{column}\" FROM \"{table}\" WHERE {conditions}"
                    : $"SELECT rowid, \"{column}\" FROM \"{table}\" WHERE {conditions}";
                for (var i = 0; i < terms.Count; i++)
                {
                    AddParameter(command, $"@n{i}", terms[i].ToLowerInvariant());
                }
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    hits.Add((postgreSql ? reader.GetString(0) : reader.GetInt64(0), reader.GetString(1)));
                }
            }
            foreach (var (rowId, value) in hits)
            {
                var scrubbed = pattern.Replace(value, replacement);
                if (scrubbed == value)
                {
                    continue;
                }
                await using var update = db.Database.GetDbConnection().CreateCommand();
                update.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                update.CommandText = postgreSql
                    ? $"UPDATE \"{table}\" SET \"{column}\" = @v WHERE ctid = CAST(@id AS tid)"
                    : $"UPDATE \"{table}\" SET \"{column}\" = @v WHERE rowid = @id";
                AddParameter(update, "@v", scrubbed);
                AddParameter(update, "@id", rowId);
                await update.ExecuteNonQueryAsync(ct);
                changed++;
            }
        }
        return changed;
    }

    /// <summary>Every text column of every table of the database (read from the database itself, not the model).</summary>
    public static async Task<IReadOnlyList<(string Table, string Column)>> TextColumnsAsync(AppDbContext db, CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        if (Data.SqlDialect.Of(db).IsPostgreSql)
        {
            // The app's tables (schema public; Hangfire's own schema holds no personal data written by the app).
            var found = new List<(string, string)>();
            await using var catalogue = connection.CreateCommand();
            catalogue.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            catalogue.CommandText = """
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character')
                  AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
                ORDER BY table_name, ordinal_position
                """;
            await using var rows = await catalogue.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
            {
                found.Add((rows.GetString(0), rows.GetString(1)));
            }
            return found;
        }
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }
        var columns = new List<(string, string)>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"SELECT name, type FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var type = reader.GetString(1);
                if (type.Contains("TEXT", StringComparison.OrdinalIgnoreCase) || type.Contains("CHAR", StringComparison.OrdinalIgnoreCase) || type.Length == 0)
                {
                    columns.Add((table, reader.GetString(0)));
                }
            }
        }
        return columns;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
