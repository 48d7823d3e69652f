using System.Net;
using MilleLivres.Core.Options;
using MilleLivres.Tests.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Instances;

/// <summary>
/// One app instance of a group sharing one database: each has a data folder of its own (nothing on disk is shared),
/// and every instance after the first points <c>Database:ConnectionString</c> at the first one's SQLite file.
/// A fake clock, as the application tests have, and a low submission limit.
/// </summary>
public sealed class InstanceFactory(InstanceFactory? first = null, IDictionary<string, string?>? settings = null) : ApplicationsFactory
{
    public const int Limit = 2;

    /// <summary>The test server gives no connection address: this header (set by the test) plays the peer's.</summary>
    public const string PeerHeader = "X-Test-Peer";

    protected override int SubmissionsPerWindow => Limit;

    public string DatabaseFile => first?.DatabaseFile ?? Path.Combine(DataDirectory, DatabaseOptions.DefaultFileName);

    protected override IDictionary<string, string?> ExtraSettings
    {
        get
        {
            var all = base.ExtraSettings;
            if (first is not null)
            {
                all["Database:ConnectionString"] = $"Data Source={DatabaseFile};Foreign Keys=True;Default Timeout=30";
            }
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }
            return all;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (first is not null)
        {
            // Both rate-limit counters see the same instant, so they fall into the same window.
            Clock.SetUtcNow(first.Clock.GetUtcNow() > Clock.GetUtcNow() ? first.Clock.GetUtcNow() : Clock.GetUtcNow());
            first.Clock.SetUtcNow(Clock.GetUtcNow());
        }
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressFromHeader>());
    }

    /// <summary>A client whose cookies live in <paramref name="cookies"/>: give two instances' clients the same jar.</summary>
    public HttpClient ClientWith(CookieContainer cookies) => CreateDefaultClient(new CookieContainerHandler(cookies));

    private sealed class PeerAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Before the app's own pipeline (and its forwarded-headers middleware), as a real connection would be.
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
