using MilleLivres.Core.Data;
using MilleLivres.Core.Packing;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Work;

/// <summary>
/// The app with the packing slip source the allocation feature will provide replaced by one that builds a small
/// slip for the town from the real database, and with the job server on or off.
/// Pass <paramref name="sharedDataDirectory"/> to start a second host on the same database (a restart).
/// </summary>
public sealed class PackingAppFactory(bool runServer, string? sharedDataDirectory = null) : AppFactory
{
    public string DatabaseDirectory => sharedDataDirectory ?? DataDirectory;

    /// <summary>Towns whose slip this host cannot build: its own, so hosts running side by side never see each other's.</summary>
    public FailingTowns FailingTowns { get; } = new();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Database:DataDirectory"] = DatabaseDirectory,
        ["BackgroundJobs:RunServer"] = runServer ? "true" : "false",
        ["Packing:PublicBaseUrl"] = "https://millelivres.example.org",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(FailingTowns);
            services.AddScoped<IPackingSlipSource, TestPackingSlipSource>();
        });
    }
}

/// <summary>Towns whose slip cannot be built (to exercise failures), with the reason; one per test host.</summary>
public sealed class FailingTowns
{
    public System.Collections.Concurrent.ConcurrentDictionary<int, string> Reasons { get; } = new();
}

public sealed class TestPackingSlipSource(AppDbContext db, FailingTowns failingTowns) : IPackingSlipSource
{
    public async Task<PackingSlipModel> BuildAsync(int waveId, int townId, CancellationToken ct)
    {
        if (failingTowns.Reasons.TryGetValue(townId, out var reason))
        {
            throw new MilleLivres.Core.Domain.DomainException(reason, "Allocation");
        }
        var town = await db.Towns.AsNoTracking().SingleAsync(t => t.Id == townId, ct);
        var wave = await db.Waves.AsNoTracking().SingleAsync(w => w.Id == waveId, ct);
        var slip = SlipBuilder.Slip(SlipBuilder.Books(120), town: town.Name);
        return slip with { WaveName = wave.Name };
    }
}
