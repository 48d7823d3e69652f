using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.AdjustmentReason).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.ActorName).HasMaxLength(256).IsRequired();
        b.Property(m => m.Reason).HasMaxLength(StockMovement.ReasonMaxLength).IsRequired();
        b.Property(m => m.Reference).HasMaxLength(StockMovement.ReferenceMaxLength);
        b.Property(m => m.Donor).HasMaxLength(Title.PublisherMaxLength);
        b.HasOne(m => m.Title).WithMany().HasForeignKey(m => m.TitleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Wave>().WithMany().HasForeignKey(m => m.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Town>().WithMany().HasForeignKey(m => m.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StockImport>().WithMany().HasForeignKey(m => m.ImportId).OnDelete(DeleteBehavior.Restrict);
        // The stock card: a title's movements, newest first.
        b.HasIndex(m => new { m.TitleId, m.Id });
        b.HasIndex(m => new { m.WaveId, m.TownId });
        b.ToTable(t => t.HasCheckConstraint("CK_StockMovement_Quantity", "\"Quantity\" <> 0"));
    }
}
