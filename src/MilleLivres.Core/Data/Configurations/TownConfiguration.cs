using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class TownConfiguration : IEntityTypeConfiguration<Town>
{
    public void Configure(EntityTypeBuilder<Town> b)
    {
        b.Property(t => t.Name).HasMaxLength(Town.NameMaxLength).IsRequired();
        b.Property(t => t.InseeCode).HasMaxLength(5).IsRequired();
        b.HasIndex(t => t.InseeCode).IsUnique();
        b.HasIndex(t => t.Name);
        b.Ignore(t => t.HasPersonalContacts);
        b.Property(t => t.Departement).HasMaxLength(80);
        b.Property(t => t.Region).HasMaxLength(80);
        b.Property(t => t.CiteEducativeName).HasMaxLength(200);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Quota).HasDefaultValue(Allocation.QuotaSplit.DefaultQuota).HasSentinel(0);
        b.ToTable(t => t.HasCheckConstraint("CK_Town_Quota", "Quota > 0"));
        ConfigureContact(b.ComplexProperty(t => t.Principal));
        ConfigureContact(b.ComplexProperty(t => t.DeputyDirectorGeneral));
        ConfigureContact(b.ComplexProperty(t => t.PrefectDelegate));
        ConfigureContact(b.ComplexProperty(t => t.CoordinatorContact));
        ConfigureContact(b.ComplexProperty(t => t.DeliveryContact));
        ConfigureAddress(b.ComplexProperty(t => t.DeliveryAddress));
        b.HasMany(t => t.ExpectedChildren).WithOne(c => c.Town).HasForeignKey(c => c.TownId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.ExpectedChildren).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    internal static void ConfigureAddress(ComplexPropertyBuilder<DeliveryAddress> c)
    {
        c.Property(x => x.Structure).HasMaxLength(DeliveryAddress.StructureMaxLength);
        c.Property(x => x.Street).HasMaxLength(DeliveryAddress.StreetMaxLength);
        c.Property(x => x.Postcode).HasMaxLength(5);
        c.Property(x => x.City).HasMaxLength(DeliveryAddress.CityMaxLength);
        c.Property(x => x.AccessNotes).HasMaxLength(DeliveryAddress.AccessNotesMaxLength);
        c.Ignore(x => x.IsEmpty);
    }

    internal static void ConfigureContact(ComplexPropertyBuilder<Contact> c)
    {
        c.Property(x => x.Name).HasMaxLength(120);
        c.Property(x => x.Email).HasMaxLength(254);
        c.Property(x => x.Phone).HasMaxLength(30);
        c.Ignore(x => x.IsEmpty);
    }
}
