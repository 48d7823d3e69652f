namespace MilleLivres.Web.Hosting;

public static class SecurityHeaders
{
    /// <summary>No inline script anywhere: everything the pages run is a file under wwwroot.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The Hangfire dashboard (third-party, staff only) draws its charts with inline style attributes; scripts stay
    /// restricted to 'self' there too.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Read now: a mapped branch (the dashboard) moves the path into PathBase before the response starts.
            var isDashboard = context.Request.Path.StartsWithSegments(BackgroundJobs.DashboardPath, StringComparison.OrdinalIgnoreCase);
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h["Content-Security-Policy"] = isDashboard
                    ? DashboardContentSecurityPolicy
                    : ContentSecurityPolicy;
                h["X-Content-Type-Options"] = "nosniff";
                h["Referrer-Policy"] = "strict-origin-when-cross-origin";
                h["X-Frame-Options"] = "DENY";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next();
        });
}
