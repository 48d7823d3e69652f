using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class WaveConfiguration : IEntityTypeConfiguration<Wave>
{
    public void Configure(EntityTypeBuilder<Wave> b)
    {
        b.HasIndex(w => w.Number).IsUnique();
        b.Property(w => w.Name).HasMaxLength(Wave.NameMaxLength).IsRequired();
        b.Property(w => w.Notes).HasMaxLength(2000);
        b.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        b.Ignore(w => w.IsOpen);
        b.HasMany(w => w.Towns).WithOne(t => t.Wave).HasForeignKey(t => t.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Towns).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
