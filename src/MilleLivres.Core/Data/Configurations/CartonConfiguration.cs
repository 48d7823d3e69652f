using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
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

        // Receipt (issue 14): the revision is a concurrency token, so two writers of one receipt cannot both commit.
        b.Property(c => c.ReceiptRevision).IsConcurrencyToken();
        b.Property(c => c.ReceiptRecordedBy).HasMaxLength(256);
        b.HasIndex(c => new { c.WaveId, c.TownId, c.ReceiptState });
        b.HasMany(c => c.Differences).WithOne().HasForeignKey(d => d.CartonId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Differences).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(c => c.IsReplacement);
        b.Ignore(c => c.AwaitsOwnDispatch);
        b.Property(c => c.Carrier).HasMaxLength(Dispatch.Shipment.CarrierMaxLength);
        b.Property(c => c.TrackingNumber).HasMaxLength(Dispatch.Shipment.TrackingNumberMaxLength);
        b.Property(c => c.DispatchedBy).HasMaxLength(256);
        b.Ignore(c => c.IsReceived);
    }
}

public sealed class ReceiptDifferenceConfiguration : IEntityTypeConfiguration<ReceiptDifference>
{
    public void Configure(EntityTypeBuilder<ReceiptDifference> b)
    {
        // One difference per carton line: a report replaces the earlier one, it never adds a second.
        b.HasIndex(d => new { d.CartonId, d.CartonLineId }).IsUnique();
        b.HasIndex(d => d.Resolution);
        // Resolved once: a second resolution's UPDATE finds the row no longer open and fails.
        b.Property(d => d.Resolution).IsConcurrencyToken();
        b.HasIndex(d => d.TitleId);
        b.HasOne<CartonLine>().WithMany().HasForeignKey(d => d.CartonLineId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Title>().WithMany().HasForeignKey(d => d.TitleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AgeBand>().WithMany().HasForeignKey(d => d.AgeBandId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.ReplacementCarton).WithMany().HasForeignKey(d => d.ReplacementCartonId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.Comment).HasMaxLength(ReceiptDifference.CommentMaxLength);
        b.Property(d => d.ResolutionNote).HasMaxLength(ReceiptDifference.ResolutionNoteMaxLength);
        b.Property(d => d.ReportedBy).HasMaxLength(256).IsRequired();
        b.Property(d => d.ResolvedBy).HasMaxLength(256);
        b.Ignore(d => d.IsOpen);
        b.ToTable(t => t.HasCheckConstraint("CK_ReceiptDifference_Quantity", "Quantity > 0"));
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
