using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class AgeBandConfiguration : IEntityTypeConfiguration<AgeBand>
{
    public void Configure(EntityTypeBuilder<AgeBand> b)
    {
        b.Property(a => a.Name).HasMaxLength(60).IsRequired();
        b.Ignore(a => a.Label);
        b.ToTable(t => t.HasCheckConstraint("CK_AgeBand_Ages", "MinAge >= 3 AND MaxAge <= 18 AND MinAge <= MaxAge"));
    }
}
