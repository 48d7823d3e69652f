using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Domain;

public class MigrationTests
{
    [Fact]
    public void The_committed_migrations_match_the_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: run `dotnet ef migrations add <Name> --project src/MilleLivres.Core --startup-project src/MilleLivres.Web --output-dir Data/Migrations`.");
    }
}
