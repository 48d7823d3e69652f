using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class TownChildrenCountConfiguration : IEntityTypeConfiguration<TownChildrenCount>
{
    public void Configure(EntityTypeBuilder<TownChildrenCount> b)
    {
        b.HasKey(c => new { c.TownId, c.AgeBandId });
        b.HasOne(c => c.AgeBand).WithMany().HasForeignKey(c => c.AgeBandId).OnDelete(DeleteBehavior.Restrict);
    }
}
