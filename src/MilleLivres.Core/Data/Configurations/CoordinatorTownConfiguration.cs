using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class CoordinatorTownConfiguration : IEntityTypeConfiguration<CoordinatorTown>
{
    public void Configure(EntityTypeBuilder<CoordinatorTown> b)
    {
        b.HasKey(c => new { c.UserId, c.TownId });
        b.HasOne(c => c.User).WithMany(u => u.CoordinatedTowns).HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Town).WithMany().HasForeignKey(c => c.TownId).OnDelete(DeleteBehavior.Cascade);
    }
}
