using MilleLivres.Core.Options;
using MilleLivres.Core.RateLimiting;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Limits submissions of the public application form per client address (fixed window, no queue), counted in the
/// database so that every instance behind a load balancer shares the count (ADR 0920, replacing the in-memory limiter
/// of ADR 0202). The address is the one the forwarded-headers middleware settled on: a known proxy's
/// <c>X-Forwarded-For</c>, or the connection's own. Reading the form is not limited. Over the limit the answer is 429
/// with <c>Retry-After</c>, rendered by the French error page.
/// </summary>
public static class ApplicationRateLimit
{
    public const string Policy = "apply";

    /// <summary>The partition of requests whose connection has no address (the in-process test server).</summary>
    public const string UnknownClient = "adresse-inconnue";

    public static bool IsSubmission(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Apply", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddApplicationRateLimit(this IServiceCollection services)
    {
        services.AddScoped<RateLimitCleanupJob>();
        return services;
    }

    /// <summary>After the status code pages, so a refused submission gets the French 429 page.</summary>
    public static IApplicationBuilder UseApplicationRateLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsSubmission(context))
        {
            await next(context);
            return;
        }
        var settings = context.RequestServices.GetRequiredService<IOptions<ApplicationOptions>>().Value;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? UnknownClient;
        RateLimitDecision decision;
        // A scope of its own: the counter's writes are not the form's change and must not spend its one-time key.
        await using (var own = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            decision = await own.ServiceProvider.GetRequiredService<SharedRateLimit>().TryTakeAsync(
                Policy, client, settings.SubmissionsPerWindow, TimeSpan.FromMinutes(settings.SubmissionWindowMinutes), context.RequestAborted);
        }
        if (decision.Allowed)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = ((long)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    });
}

/// <summary>Recurring: deletes the rate-limit counters of windows that are over.</summary>
public sealed class RateLimitCleanupJob(SharedRateLimit limit)
{
    public const string Id = "rate-limit-cleanup";

    [Hangfire.AutomaticRetry(Attempts = 0)]
    [System.ComponentModel.DisplayName("Suppression des compteurs de limite d'envoi échus")]
    public Task<int> RunAsync(CancellationToken cancellationToken) => limit.DeleteEndedAsync(cancellationToken);
}
