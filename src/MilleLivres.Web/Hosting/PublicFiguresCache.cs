using MilleLivres.Core.Reporting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// The public figures, computed at most once per <see cref="ReportingOptions.PublicCacheSeconds"/> (ADR 0821): a spike
/// of visitors reads memory, and only one request recomputes when the entry expires (the others wait for it).
/// Invalidation is by time only: the page says when its figures were computed.
/// </summary>
public sealed class PublicFiguresCache(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<ReportingOptions> options)
{
    private readonly object _key = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<PublicFigures.Summary> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(_key, out PublicFigures.Summary? summary) && summary is not null)
        {
            return summary;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (cache.TryGetValue(_key, out summary) && summary is not null)
            {
                return summary;
            }
            await using var scope = scopes.CreateAsyncScope();
            summary = await scope.ServiceProvider.GetRequiredService<PublicFigures>().ComputeAsync(ct);
            cache.Set(_key, summary, TimeSpan.FromSeconds(options.Value.PublicCacheSeconds));
            return summary;
        }
        finally
        {
            _gate.Release();
        }
    }
}
