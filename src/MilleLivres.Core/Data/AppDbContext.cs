using System.Text.Json;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace MilleLivres.Core.Data;

public class AppDbContext(
    DbContextOptions<AppDbContext> options, IActor? actor = null, TimeProvider? clock = null, Submissions.SubmissionScope? submission = null)
    : IdentityDbContext<AppUser>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    private readonly IActor _actor = actor ?? new SystemActor();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public DbSet<Town> Towns => Set<Town>();
    public DbSet<Wave> Waves => Set<Wave>();
    public DbSet<WaveTown> WaveTowns => Set<WaveTown>();
    public DbSet<AgeBand> AgeBands => Set<AgeBand>();
    public DbSet<CoordinatorTown> CoordinatorTowns => Set<CoordinatorTown>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<TownChildrenCount> TownChildrenCounts => Set<TownChildrenCount>();
    public DbSet<Applications.TownApplication> TownApplications => Set<Applications.TownApplication>();
    public DbSet<Applications.ApplicationStatusLink> ApplicationStatusLinks => Set<Applications.ApplicationStatusLink>();
    public DbSet<Applications.CoordinatorInvitation> CoordinatorInvitations => Set<Applications.CoordinatorInvitation>();
    public DbSet<Applications.VilleBanlieueMember> VilleBanlieueMembers => Set<Applications.VilleBanlieueMember>();
    public DbSet<Applications.OutboxEmail> OutboxEmails => Set<Applications.OutboxEmail>();
    public DbSet<Work.WorkItem> WorkItems => Set<Work.WorkItem>();
    public DbSet<Documents.GeneratedDocument> GeneratedDocuments => Set<Documents.GeneratedDocument>();
    public DbSet<Title> Titles => Set<Title>();
    public DbSet<Allocation.AllocationLine> AllocationLines => Set<Allocation.AllocationLine>();
    public DbSet<Allocation.TownWish> TownWishes => Set<Allocation.TownWish>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<StockImport> StockImports => Set<StockImport>();
    public DbSet<Packing.Carton> Cartons => Set<Packing.Carton>();
    public DbSet<Packing.CartonLine> CartonLines => Set<Packing.CartonLine>();
    public DbSet<Submissions.FormSubmission> FormSubmissions => Set<Submissions.FormSubmission>();
    public DbSet<Dispatch.Shipment> Shipments => Set<Dispatch.Shipment>();
    public DbSet<Receipt.ReceiptDifference> ReceiptDifferences => Set<Receipt.ReceiptDifference>();
    public DbSet<Distribution.DistributionReport> DistributionReports => Set<Distribution.DistributionReport>();
    public DbSet<Distribution.DistributionRow> DistributionRows => Set<Distribution.DistributionRow>();
    public DbSet<Distribution.Testimonial> Testimonials => Set<Distribution.Testimonial>();
    public DbSet<Stock.ImportPreviewFile> ImportPreviewFiles => Set<Stock.ImportPreviewFile>();
    public DbSet<RateLimiting.RateLimitWindow> RateLimitWindows => Set<RateLimiting.RateLimitWindow>();

    /// <summary>The data-protection key ring, shared by every instance (ADR 0920).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public IActor Actor => _actor;

    /// <summary>The one-time key of the form this request handles, if any (ADR 0500).</summary>
    public Submissions.SubmissionScope? Submission => submission;

    /// <summary>
    /// The ids of the towns a coordinator coordinates. Every coordinator page filters through this: it is the access rule.
    /// </summary>
    public IQueryable<int> TownIdsCoordinatedBy(string? userId) =>
        CoordinatorTowns.Where(c => c.UserId == userId).Select(c => c.TownId);

    /// <summary>
    /// Waves whose allocation is confirmed (or further): only their cartons and slips exist for coordinators.
    /// </summary>
    public IQueryable<int> WaveIdsWithConfirmedAllocation() =>
        Waves.Where(Wave.HasConfirmedAllocationRule).Select(w => w.Id);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            PostgreSqlModel.Apply(builder);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves, and writes one audit row per changed <see cref="IAudited"/> entity in the same transaction.
    /// Ids of added rows exist only after the insert, so the audit rows are written by a second save inside it.
    /// </summary>
    /// <summary>
    /// Saves, or returns false when another writer got there first: a concurrency token moved, or (with
    /// <paramref name="uniqueKeyTakenToo"/>) a unique key was taken by a concurrent post. Nothing of ours is kept then.
    /// </summary>
    public async Task<bool> SaveUnlessOvertakenAsync(bool uniqueKeyTakenToo = false, CancellationToken ct = default)
    {
        try
        {
            await SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException
            || (uniqueKeyTakenToo && e.InnerException is System.Data.Common.DbException inner && IsUniqueViolation(inner)))
        {
            ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>A unique index refused the row. SQLite: SQLITE_CONSTRAINT (19); PostgreSQL: unique_violation (23505).</summary>
    public static bool IsUniqueViolation(System.Data.Common.DbException e) =>
        e.SqlState == "23505" || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Detect changes once: listing the entries and each base save would otherwise detect them again over every
        // tracked entity (thousands of rows while planning a wave or importing stock).
        if (submission?.NeedsWriting == true)
        {
            // The form key is written by the transaction's start: a save must always open one, even for one statement.
            Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// How far back from the newest audit id <see cref="AuditStateAsync"/> counts entries. An id is drawn when its row
    /// is inserted and seen when its transaction commits: on PostgreSQL a transaction can commit after another that
    /// drew a higher id, so the newest id alone would not move. Its entry lands inside this window unless this many
    /// audit entries (business actions, ADR 0521) were written while it was open (ADR 0529).
    /// </summary>
    public const int AuditStateWindow = 1000;

    /// <summary>
    /// The state of the audited data, of the whole trail or of one wave's: the newest audit entry's id and the number
    /// of entries within <see cref="AuditStateWindow"/> ids of it. Pages and figures keep what they derive from the
    /// audited data under it (ADRs 0525, 0824, 0528, 0529): any audited change committed since, even one whose id is
    /// lower than the newest (PostgreSQL), gives another state, and a state never comes back.
    /// </summary>
    public async Task<AuditState> AuditStateAsync(int? waveId = null, CancellationToken ct = default)
    {
        // Only fixed text is put in the SQL; the wave id is a parameter.
        var sql = AuditStateSql.Of(waveId is null ? null : "{0}");
        var text = "SELECT " + sql.Newest + " AS \"Newest\", " + sql.Recent + " AS \"Recent\"";
        var row = (await Database.SqlQueryRaw<AuditStateRow>(text, waveId is { } id ? [id] : []).ToListAsync(ct)).Single();
        return new AuditState(row.Newest, row.Recent);
    }

    /// <summary>
    /// A command for hand-written SQL on this context's connection, enlisted in its current transaction if there is one
    /// (Microsoft.Data.Sqlite refuses a command without it while a transaction is open). Parameters are named
    /// "@name" in the text, which both providers accept. The caller opens the connection first
    /// (<c>Database.OpenConnectionAsync</c>, closed after) or runs inside a transaction. For the hot paths whose LINQ
    /// form cost more CPU than the statement itself (ADR 0528, ADR 0527 point 11).
    /// </summary>
    public System.Data.Common.DbCommand CreateCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private sealed class AuditStateRow
    {
        public long? Newest { get; set; }
        public long Recent { get; set; }
    }

    private async Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var pending = ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new PendingAudit(e, e.State.ToString(), DescribeBefore(e)))
            .ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var now = _clock.GetUtcNow().UtcDateTime;
            foreach (var p in pending)
            {
                AuditEntries.Add(new AuditEntry
                {
                    AtUtc = now,
                    ActorId = _actor.UserId,
                    ActorName = _actor.Name,
                    Action = p.Action,
                    EntityType = p.Entry.Metadata.ClrType.Name,
                    EntityId = KeyOf(p.Entry),
                    Changes = p.Action == "Added" ? DescribeAdded(p.Entry) : p.Changes,
                    WaveId = p.Entry.Entity is Wave ? IntKeyOf(p.Entry) : IntProperty(p.Entry, nameof(AuditEntry.WaveId)),
                    TownId = p.Entry.Entity is Town ? IntKeyOf(p.Entry) : IntProperty(p.Entry, nameof(AuditEntry.TownId)),
                });
            }
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Records one business action (a wave's allocation confirmed, undone, edited) as one audit entry, saved with the
    /// next <see cref="SaveChangesAsync(bool, CancellationToken)"/> in the caller's transaction. The rows the action
    /// writes in bulk are not audited one by one: they stay queryable in their own tables and in the ledger.
    /// </summary>
    public AuditEntry AddAuditEntry(string action, string entityType, string entityId, object details, int? waveId = null, int? townId = null)
    {
        var entry = new AuditEntry
        {
            AtUtc = _clock.GetUtcNow().UtcDateTime,
            ActorId = _actor.UserId,
            ActorName = _actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = JsonSerializer.Serialize(details, JsonOptions),
            WaveId = waveId,
            TownId = townId,
        };
        AuditEntries.Add(entry);
        return entry;
    }

    private static int? IntKeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey()!.Properties is [var key] ? entry.Property(key.Name).CurrentValue as int? : null;

    private static int? IntProperty(EntityEntry entry, string name) =>
        entry.Metadata.FindProperty(name) is { } p && (p.ClrType == typeof(int) || p.ClrType == typeof(int?))
            ? entry.Property(name).CurrentValue as int?
            : null;

    // Readable accents in the stored JSON; pages HTML-encode it when they show it.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record PendingAudit(EntityEntry Entry, string Action, string Changes);

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString() ?? ""));

    private static string DescribeBefore(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        if (entry.State == EntityState.Modified)
        {
            foreach (var p in entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
            {
                changes[p.Metadata.Name] = new[] { p.OriginalValue, p.CurrentValue };
            }
            foreach (var complex in entry.ComplexProperties)
            {
                foreach (var p in complex.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
                {
                    changes[$"{complex.Metadata.Name}.{p.Metadata.Name}"] = new[] { p.OriginalValue, p.CurrentValue };
                }
            }
        }
        else if (entry.State == EntityState.Deleted)
        {
            foreach (var p in entry.Properties)
            {
                changes[p.Metadata.Name] = p.OriginalValue;
            }
        }
        return JsonSerializer.Serialize(changes, JsonOptions);
    }

    private static string DescribeAdded(EntityEntry entry) =>
        JsonSerializer.Serialize(entry.Properties.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue), JsonOptions);
}

/// <summary>The state of the audited data (<see cref="AppDbContext.AuditStateAsync"/>): a cache key, and its text a version.</summary>
public readonly record struct AuditState(long? Newest, long Recent)
{
    public override string ToString() => FormattableString.Invariant($"{Newest}.{Recent}");
}

/// <summary>
/// The audit state's two numbers as SQL expressions (plain SQL, valid on SQLite and PostgreSQL), written once for
/// <see cref="AppDbContext.AuditStateAsync"/> and for the pages that read their whole state in one statement (ADR 0529).
/// </summary>
public sealed record AuditStateSql(string Newest, string Recent)
{
    /// <param name="waveIdParameter">The placeholder of a wave id to keep to that wave's entries, or null for the whole trail.</param>
    public static AuditStateSql Of(string? waveIdParameter = null)
    {
        var wave = waveIdParameter is null ? "" : $"\"WaveId\" = {waveIdParameter} AND ";
        var newest = waveIdParameter is null
            ? "(SELECT MAX(\"Id\") FROM \"AuditEntries\")"
            : $"(SELECT MAX(\"Id\") FROM \"AuditEntries\" WHERE \"WaveId\" = {waveIdParameter})";
        return new AuditStateSql(newest,
            $"(SELECT COUNT(*) FROM \"AuditEntries\" WHERE {wave}\"Id\" > {newest} - {AppDbContext.AuditStateWindow})");
    }
}
