using MilleLivres.Core.Submissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> b)
    {
        b.Property(s => s.Key).HasMaxLength(FormSubmission.KeyMaxLength);
        b.Property(s => s.ActorId).HasMaxLength(450);
        b.Property(s => s.Form).HasMaxLength(FormSubmission.FormMaxLength);
        b.Property(s => s.RedirectTo).HasMaxLength(FormSubmission.RedirectMaxLength);
        // The rule: one submission per key, whichever transaction comes first.
        b.HasIndex(s => s.Key).IsUnique();
        b.HasIndex(s => s.CompletedAtUtc);
    }
}
