using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// What every response owes a private app: downloads (PDF, CSV, XLSX, anything sent as an attachment) are never kept
/// by a browser or proxy cache; the server does not say what it is; a body over the limit is refused with 413 and
/// the French error page before anything reads it (otherwise the antiforgery check, failing to read the form, says 400).
/// </summary>
public static class ResponseHardening
{
    private static readonly string[] PrivateContentTypes =
    [
        "application/pdf", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream",
    ];

    /// <summary>Kestrel's own <c>Server: Kestrel</c> header is off.</summary>
    public static IServiceCollection AddResponseHardening(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);

    public static bool IsPrivateDownload(HttpResponse response)
    {
        var type = response.ContentType ?? string.Empty;
        return response.Headers.ContentDisposition.Count > 0
            || PrivateContentTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Before the status code pages' re-execution, so a 413 is rendered by the French error page.</summary>
    public static IApplicationBuilder UseNoStoreForDownloads(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                response.Headers.Remove("Server");
                if (IsPrivateDownload(response))
                {
                    response.Headers.CacheControl = "no-store";
                    response.Headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>
    /// After routing (the page's own [RequestSizeLimit] is endpoint metadata): a declared length over the limit gets 413
    /// at once. Browsers always declare the length of a form post.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var length = context.Request.ContentLength;
            // The error page's re-execution carries the same request headers: let it render.
            if (length is > 0 && context.Features.Get<IStatusCodeReExecuteFeature>() is null && length > LimitOf(context))
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            try
            {
                await next();
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                // A body without a declared length that grew past the limit while being read.
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }
        });

    private static long? LimitOf(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        if (metadata is not null)
        {
            return metadata.MaxRequestBodySize;
        }
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        return feature is { MaxRequestBodySize: { } max } ? max
            : context.RequestServices.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;
    }
}
