using MilleLivres.Core.Documents;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class GeneratedDocumentConfiguration : IEntityTypeConfiguration<GeneratedDocument>
{
    public void Configure(EntityTypeBuilder<GeneratedDocument> b)
    {
        b.Property(d => d.Kind).HasMaxLength(GeneratedDocument.KindMaxLength);
        b.Property(d => d.OwnerKey).HasMaxLength(GeneratedDocument.OwnerKeyMaxLength);
        b.Property(d => d.FileName).HasMaxLength(GeneratedDocument.FileNameMaxLength);
        b.Property(d => d.ContentType).HasMaxLength(100);
        b.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        b.HasIndex(d => new { d.Kind, d.OwnerKey }).IsUnique();
        b.HasIndex(d => d.TownId);
        b.HasOne<Wave>().WithMany().HasForeignKey(d => d.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Town>().WithMany().HasForeignKey(d => d.TownId).OnDelete(DeleteBehavior.Cascade);
    }
}
