using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Behind a reverse proxy that terminates HTTPS, <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured only
/// from loopback (ASP.NET Core's default), the addresses in <c>ForwardedHeaders:KnownProxies</c> and the networks
/// (CIDR, e.g. <c>10.0.0.0/8</c>) in <c>ForwardedHeaders:KnownNetworks</c>; from anyone else they are ignored, so a
/// client cannot choose the address the rate limit sees (ADR 0920).
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";

    public static void Configure(IServiceCollection services) =>
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var text in configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [])
            {
                if (!IPAddress.TryParse(text, out var address))
                {
                    throw new InvalidOperationException($"{KnownProxiesKey} : « {text} » n'est pas une adresse IP.");
                }
                options.KnownProxies.Add(address);
            }
            foreach (var text in configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [])
            {
                if (!System.Net.IPNetwork.TryParse(text, out var network))
                {
                    throw new InvalidOperationException($"{KnownNetworksKey} : « {text} » n'est pas un réseau (notation CIDR, par exemple 10.0.0.0/8).");
                }
                options.KnownIPNetworks.Add(network);
            }
        });
}
