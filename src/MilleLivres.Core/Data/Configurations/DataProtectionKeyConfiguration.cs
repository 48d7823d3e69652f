using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

/// <summary>
/// The data-protection key ring (sign-in cookies, form tokens, encrypted notices), shared by every instance (ADR 0920).
/// The XML is what the key manager hands over: encrypted with the configured certificate when there is one (ADR 0701).
/// </summary>
public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b) => b.ToTable("DataProtectionKeys");
}
