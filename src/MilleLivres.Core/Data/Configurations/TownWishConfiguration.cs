using MilleLivres.Core.Allocation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class TownWishConfiguration : IEntityTypeConfiguration<TownWish>
{
    public void Configure(EntityTypeBuilder<TownWish> b)
    {
        b.HasIndex(w => new { w.WaveId, w.TownId, w.TitleId }).IsUnique();
        b.HasOne(w => w.Wave).WithMany().HasForeignKey(w => w.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(w => w.Town).WithMany().HasForeignKey(w => w.TownId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(w => w.Title).WithMany().HasForeignKey(w => w.TitleId).OnDelete(DeleteBehavior.Restrict);
    }
}
