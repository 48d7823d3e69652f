using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class StockImportConfiguration : IEntityTypeConfiguration<StockImport>
{
    public void Configure(EntityTypeBuilder<StockImport> b)
    {
        b.Property(i => i.FileHash).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.FileHash);
        b.Property(i => i.FileName).HasMaxLength(260).IsRequired();
        b.Property(i => i.Publisher).HasMaxLength(Title.PublisherMaxLength).IsRequired();
        b.Property(i => i.ActorName).HasMaxLength(256).IsRequired();
    }
}
