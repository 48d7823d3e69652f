using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class WaveTownConfiguration : IEntityTypeConfiguration<WaveTown>
{
    public void Configure(EntityTypeBuilder<WaveTown> b)
    {
        b.HasIndex(t => new { t.WaveId, t.TownId }).IsUnique();
        b.HasOne(t => t.Town).WithMany().HasForeignKey(t => t.TownId).OnDelete(DeleteBehavior.Restrict);
    }
}
