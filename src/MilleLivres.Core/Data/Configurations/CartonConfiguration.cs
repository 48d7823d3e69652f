using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class CartonConfiguration : IEntityTypeConfiguration<Carton>
{
    public void Configure(EntityTypeBuilder<Carton> b)
    {
        b.Property(c => c.Code).HasMaxLength(CartonCode.Length).IsFixedLength();
        // Unique across the programme: the code alone finds the carton (receipt address, phone).
        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => new { c.WaveId, c.TownId, c.Number }).IsUnique();
        b.HasIndex(c => c.TownId);
        b.HasOne<Wave>().WithMany().HasForeignKey(c => c.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Town>().WithMany().HasForeignKey(c => c.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartonId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(c => c.Quantity);
        b.ToTable(t => t.HasCheckConstraint("CK_Carton_Number", "Number >= 1 AND Number <= Count"));
    }
}

public sealed class CartonLineConfiguration : IEntityTypeConfiguration<CartonLine>
{
    public void Configure(EntityTypeBuilder<CartonLine> b)
    {
        b.HasIndex(l => new { l.CartonId, l.TitleId, l.AgeBandId }).IsUnique();
        b.HasIndex(l => l.TitleId);
        b.HasOne<Title>().WithMany().HasForeignKey(l => l.TitleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AgeBand>().WithMany().HasForeignKey(l => l.AgeBandId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_CartonLine_Quantity", "Quantity > 0"));
    }
}
