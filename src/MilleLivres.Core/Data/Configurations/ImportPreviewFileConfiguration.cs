using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class ImportPreviewFileConfiguration : IEntityTypeConfiguration<ImportPreviewFile>
{
    public void Configure(EntityTypeBuilder<ImportPreviewFile> b)
    {
        b.HasKey(f => f.Hash);
        b.Property(f => f.Hash).HasMaxLength(ImportPreviewFile.HashLength);
        b.HasIndex(f => f.CreatedAtUtc);
    }
}
