using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> b)
    {
        b.Property(w => w.Kind).HasMaxLength(WorkItem.KindMaxLength);
        b.Property(w => w.Key).HasMaxLength(WorkItem.KeyMaxLength);
        b.Property(w => w.Group).HasMaxLength(WorkItem.KeyMaxLength);
        b.Property(w => w.LastError).HasMaxLength(WorkItem.ErrorMaxLength);
        b.Property(w => w.LeaseHolder).HasMaxLength(WorkItem.LeaseHolderMaxLength);
        b.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(w => w.Key).IsUnique();
        b.HasIndex(w => new { w.Group, w.Status });
        b.HasIndex(w => w.Status);
    }
}
