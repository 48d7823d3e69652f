using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> b)
    {
        // One shipment per town and wave: two dispatches of the same town cannot both commit.
        b.HasIndex(s => new { s.WaveId, s.TownId }).IsUnique();
        b.HasIndex(s => s.TownId);
        b.Property(s => s.Carrier).HasMaxLength(Shipment.CarrierMaxLength);
        b.Property(s => s.TrackingNumber).HasMaxLength(Shipment.TrackingNumberMaxLength);
        b.Property(s => s.DispatchedBy).HasMaxLength(256).IsRequired();
        b.Ignore(s => s.IsReceived);
        b.HasOne<Wave>().WithMany().HasForeignKey(s => s.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Town>().WithMany().HasForeignKey(s => s.TownId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Shipment_Expected", "ExpectedOn >= DispatchedOn"));
    }
}
