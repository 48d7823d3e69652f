using System.Threading.RateLimiting;
using MilleLivres.Core.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Limits submissions of the public application form per client address (fixed window, no queue). Reading the
/// form is not limited. Over the limit the answer is 429, rendered by the French error page.
/// </summary>
public static class ApplicationRateLimit
{
    public static bool IsSubmission(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Apply", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddApplicationRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApplicationOptions>>((o, settings) =>
        {
            var permits = settings.Value.SubmissionsPerWindow;
            var window = TimeSpan.FromMinutes(settings.Value.SubmissionWindowMinutes);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSubmission(context)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    // Behind a reverse proxy, configure forwarded headers so this is the visitor's address.
                    context.Connection.RemoteIpAddress?.ToString() ?? "adresse-inconnue",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
