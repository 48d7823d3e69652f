using MilleLivres.Core.Allocation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class AllocationLineConfiguration : IEntityTypeConfiguration<AllocationLine>
{
    public void Configure(EntityTypeBuilder<AllocationLine> b)
    {
        b.HasIndex(l => new { l.WaveId, l.TownId, l.TitleId }).IsUnique();
        b.HasIndex(l => l.TitleId);
        b.HasOne(l => l.Wave).WithMany().HasForeignKey(l => l.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Town).WithMany().HasForeignKey(l => l.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Title).WithMany().HasForeignKey(l => l.TitleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.AgeBand).WithMany().HasForeignKey(l => l.AgeBandId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_AllocationLine_Quantity", "Quantity > 0"));
    }
}
