using MilleLivres.Core.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> b)
    {
        // The key is the rule: one counter per client and window, whichever instance writes it first.
        b.HasKey(w => new { w.Policy, w.ClientHash, w.StartUtc });
        b.Property(w => w.Policy).HasMaxLength(RateLimitWindow.PolicyMaxLength);
        b.Property(w => w.ClientHash).HasMaxLength(RateLimitWindow.ClientHashLength);
        b.HasIndex(w => w.EndUtc);
    }
}
