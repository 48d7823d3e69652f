using System.Text.Json;
using MilleLivres.Core.Auditing;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MilleLivres.Core.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options, IActor? actor = null, TimeProvider? clock = null)
    : IdentityDbContext<AppUser>(options)
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
    public DbSet<Dispatch.Shipment> Shipments => Set<Dispatch.Shipment>();
    public DbSet<Receipt.ReceiptDifference> ReceiptDifferences => Set<Receipt.ReceiptDifference>();
    public DbSet<Distribution.DistributionReport> DistributionReports => Set<Distribution.DistributionReport>();
    public DbSet<Distribution.DistributionRow> DistributionRows => Set<Distribution.DistributionRow>();
    public DbSet<Distribution.Testimonial> Testimonials => Set<Distribution.Testimonial>();

    public IActor Actor => _actor;

    /// <summary>
    /// The ids of the towns a coordinator coordinates. Every coordinator page filters through this: it is the access rule.
    /// </summary>
    public IQueryable<int> TownIdsCoordinatedBy(string? userId) =>
        CoordinatorTowns.Where(c => c.UserId == userId).Select(c => c.TownId);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves, and writes one audit row per changed <see cref="IAudited"/> entity in the same transaction.
    /// Ids of added rows exist only after the insert, so the audit rows are written by a second save inside it.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Detect changes once: listing the entries and each base save would otherwise detect them again over every
        // tracked entity (thousands of rows while planning a wave or importing stock).
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
