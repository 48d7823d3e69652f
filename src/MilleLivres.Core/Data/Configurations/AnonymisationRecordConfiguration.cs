using MilleLivres.Core.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class AnonymisationRecordConfiguration : IEntityTypeConfiguration<AnonymisationRecord>
{
    public void Configure(EntityTypeBuilder<AnonymisationRecord> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(AnonymisationRecord.ReasonMaxLength);
        b.ToTable("AnonymisationRecords");
        b.HasIndex(r => r.AtUtc);
        b.Ignore(r => r.Total);
    }
}
