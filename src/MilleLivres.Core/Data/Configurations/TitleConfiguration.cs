using MilleLivres.Core.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MilleLivres.Core.Data.Configurations;

public sealed class TitleConfiguration : IEntityTypeConfiguration<Title>
{
    public void Configure(EntityTypeBuilder<Title> b)
    {
        b.Property(t => t.Isbn).HasMaxLength(13).IsRequired();
        b.HasIndex(t => t.Isbn).IsUnique();
        b.Property(t => t.Name).HasMaxLength(Title.NameMaxLength).IsRequired();
        b.Property(t => t.Authors).HasMaxLength(Title.AuthorsMaxLength).IsRequired();
        b.Property(t => t.Publisher).HasMaxLength(Title.PublisherMaxLength).IsRequired();
        b.Property(t => t.Language).HasMaxLength(Title.LanguageMaxLength).IsRequired();
        b.Property(t => t.SearchText).HasMaxLength(1000).IsRequired();
        b.Property(t => t.Genre).HasConversion<string>().HasMaxLength(20);
        b.HasOne(t => t.AgeBand).WithMany().HasForeignKey(t => t.AgeBandId).OnDelete(DeleteBehavior.Restrict);
        // Counters are written by StockLedger's SQL only; EF reads them.
        b.Property(t => t.OnHand).HasDefaultValue(0);
        b.Property(t => t.Reserved).HasDefaultValue(0);
        b.Property(t => t.Available).HasComputedColumnSql("\"OnHand\" - \"Reserved\"", stored: true);
        // Sort keys of the stock list: with an index, a page is read in order without sorting 50,000 rows.
        b.HasIndex(t => t.Name);
        b.Property(t => t.SortKey).HasMaxLength(1000).IsRequired().HasDefaultValue(string.Empty);
        b.HasIndex(t => new { t.SortKey, t.Id });
        b.HasIndex(t => t.Authors);
        b.HasIndex(t => t.Publisher);
        b.HasIndex(t => t.Available);
        b.HasIndex(t => new { t.AgeBandId, t.Name });
        // Age band + genre filters (what wave planning asks): counted and sorted by available from the index alone.
        b.HasIndex(t => new { t.AgeBandId, t.Genre, t.Available });
        b.ToTable(t => t.HasCheckConstraint("CK_Title_Stock", $"\"OnHand\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\" AND \"OnHand\" <= {StockLedger.MaxOnHand}"));
    }
}
