using MilleLivres.Core.Applications;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class TownApplicationConfiguration : IEntityTypeConfiguration<TownApplication>
{
    public void Configure(EntityTypeBuilder<TownApplication> b)
    {
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(a => a.Status);
        b.HasIndex(a => a.InseeCode);
        b.Property(a => a.TownName).HasMaxLength(Town.NameMaxLength).IsRequired();
        b.Property(a => a.InseeCode).HasMaxLength(5).IsRequired();
        b.Property(a => a.Departement).HasMaxLength(80);
        b.Property(a => a.Region).HasMaxLength(80);
        b.Property(a => a.CiteEducativeName).HasMaxLength(ApplicationRules.CiteNameMaxLength);
        b.Property(a => a.ApplicantRole).HasMaxLength(ApplicationRules.RoleMaxLength);
        b.Property(a => a.Partners).HasMaxLength(ApplicationRules.PartnersMaxLength);
        b.Property(a => a.Plan).HasMaxLength(ApplicationRules.PlanMaxLength);
        b.Property(a => a.DecisionReason).HasMaxLength(TownApplication.ReasonMaxLength);
        b.Property(a => a.DecidedBy).HasMaxLength(256);
        TownConfiguration.ConfigureContact(b.ComplexProperty(a => a.Applicant));
        TownConfiguration.ConfigureContact(b.ComplexProperty(a => a.Coordinator));
        TownConfiguration.ConfigureAddress(b.ComplexProperty(a => a.Delivery));
        b.Ignore(a => a.IsDecided);
        b.Ignore(a => a.IsAnonymised);
        b.HasIndex(a => a.AnonymisedAtUtc);
        b.HasOne(a => a.Wave).WithMany().HasForeignKey(a => a.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Town).WithMany().HasForeignKey(a => a.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Children).WithOne().HasForeignKey(c => c.TownApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Children).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(a => a.StatusLinks).WithOne(l => l.Application).HasForeignKey(l => l.TownApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.StatusLinks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ApplicationChildrenCountConfiguration : IEntityTypeConfiguration<ApplicationChildrenCount>
{
    public void Configure(EntityTypeBuilder<ApplicationChildrenCount> b)
    {
        b.HasKey(c => new { c.TownApplicationId, c.AgeBandId });
        b.HasOne(c => c.AgeBand).WithMany().HasForeignKey(c => c.AgeBandId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ApplicationStatusLinkConfiguration : IEntityTypeConfiguration<ApplicationStatusLink>
{
    public void Configure(EntityTypeBuilder<ApplicationStatusLink> b)
    {
        b.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(l => l.TokenHash).IsUnique();
    }
}

public sealed class CoordinatorInvitationConfiguration : IEntityTypeConfiguration<CoordinatorInvitation>
{
    public void Configure(EntityTypeBuilder<CoordinatorInvitation> b)
    {
        b.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.Ignore(i => i.IsAnonymised);
        b.Property(i => i.Email).HasMaxLength(ApplicationRules.EmailMaxLength).IsRequired();
        b.Property(i => i.Name).HasMaxLength(ApplicationRules.NameMaxLength);
        b.HasOne(i => i.Town).WithMany().HasForeignKey(i => i.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TownApplication>().WithMany().HasForeignKey(i => i.TownApplicationId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class VilleBanlieueMemberConfiguration : IEntityTypeConfiguration<VilleBanlieueMember>
{
    public void Configure(EntityTypeBuilder<VilleBanlieueMember> b)
    {
        b.Property(m => m.InseeCode).HasMaxLength(5).IsRequired();
        b.HasIndex(m => m.InseeCode).IsUnique();
        b.Property(m => m.TownName).HasMaxLength(Town.NameMaxLength).IsRequired();
    }
}

public sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        // The sender's query: due pending rows, oldest first.
        b.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        b.Property(m => m.Recipient).HasMaxLength(ApplicationRules.EmailMaxLength).IsRequired();
        b.Property(m => m.CopyTo).HasMaxLength(ApplicationRules.EmailMaxLength);
        b.Property(m => m.Subject).HasMaxLength(OutboxEmail.SubjectMaxLength);
        b.Property(m => m.LastError).HasMaxLength(OutboxEmail.ErrorMaxLength);
        b.Property(m => m.MessageId).HasMaxLength(200).IsRequired();
        b.HasIndex(m => m.MessageId).IsUnique();
        b.Property(m => m.DeduplicationKey).HasMaxLength(OutboxEmail.KeyMaxLength);
        b.HasIndex(m => m.DeduplicationKey).IsUnique();
        b.Property(m => m.Details).HasMaxLength(500);
        b.Property(m => m.ClaimToken).HasMaxLength(40);
        b.HasIndex(m => m.TownId);
        b.HasIndex(m => m.ShipmentId);
        b.HasOne(m => m.Application).WithMany().HasForeignKey(m => m.TownApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Invitation).WithMany().HasForeignKey(m => m.CoordinatorInvitationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Town>().WithMany().HasForeignKey(m => m.TownId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Wave>().WithMany().HasForeignKey(m => m.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Dispatch.Shipment>().WithMany().HasForeignKey(m => m.ShipmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.CartonId);
        b.HasOne<Packing.Carton>().WithMany().HasForeignKey(m => m.CartonId).OnDelete(DeleteBehavior.SetNull);
    }
}
