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
        b.Property(t => t.Departement).HasMaxLength(80);
        b.Property(t => t.Region).HasMaxLength(80);
        b.Property(t => t.CiteEducativeName).HasMaxLength(200);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        ConfigureContact(b.ComplexProperty(t => t.Principal));
        ConfigureContact(b.ComplexProperty(t => t.DeputyDirectorGeneral));
        ConfigureContact(b.ComplexProperty(t => t.PrefectDelegate));
    }

    internal static void ConfigureContact(ComplexPropertyBuilder<Contact> c)
    {
        c.Property(x => x.Name).HasMaxLength(120);
        c.Property(x => x.Email).HasMaxLength(254);
        c.Property(x => x.Phone).HasMaxLength(30);
        c.Ignore(x => x.IsEmpty);
    }
}
