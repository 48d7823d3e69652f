using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using MilleLivres.Core.Submissions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Puts a fresh one-time key in every <c>&lt;form method="post"&gt;</c> the pages render (ADR 0500): the form's
/// identity for <see cref="SubmissionKeyFilter"/>. A double click posts the same key twice.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class SubmissionKeyTagHelper : TagHelper
{
    public const string FieldName = "__SubmissionKey";

    // After the built-in form tag helper (which adds the antiforgery token).
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var method = output.Attributes.TryGetAttribute("method", out var attribute) ? attribute.Value?.ToString() : null;
        if (string.Equals(method, "post", StringComparison.OrdinalIgnoreCase))
        {
            output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{FieldName}\" value=\"{Guid.NewGuid():N}\" />");
        }
    }
}

/// <summary>
/// On a page model: its posts may be repeated as they are (signing in and out), the key is ignored.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RepeatableSubmissionAttribute : Attribute;

/// <summary>
/// Makes every form post idempotent (ADR 0500). Before the handler: a key already used gets the first post's outcome
/// (the same redirect and the same notices). During it: <see cref="SubmissionScope"/> has the key written in the first
/// transaction the handler opens, under a unique index, so of two identical posts only one changes anything. After it:
/// the outcome is recorded for a second post, which the interceptor stopped or which lost the race before writing.
/// </summary>
public sealed class SubmissionKeyFilter(
    SubmissionScope scope,
    IServiceScopeFactory scopes,
    ITempDataDictionaryFactory tempDataFactory,
    IUrlHelperFactory urlHelperFactory,
    IDataProtectionProvider dataProtection,
    ILogger<SubmissionKeyFilter> logger) : IAsyncPageFilter
{
    /// <summary>How long a second post waits for the first one to finish before saying it is still in progress.</summary>
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(60);

    public const string AlreadySentNotice =
        "Ce formulaire avait déjà été envoyé : il n'a été pris en compte qu'une fois.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var key = await KeyOfAsync(request);
        if (key.Length == 0 || context.HandlerInstance.GetType().IsDefined(typeof(RepeatableSubmissionAttribute), inherit: true))
        {
            await next();
            return;
        }
        if (key.Length is < FormSubmission.KeyMinLength or > FormSubmission.KeyMaxLength || !key.All(char.IsAsciiLetterOrDigit))
        {
            context.Result = new BadRequestResult();
            return;
        }
        var actorId = context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var ct = context.HttpContext.RequestAborted;

        var previous = await UseStoreAsync(store => store.FindAsync(key, ct));
        if (previous is not null)
        {
            context.Result = await ReplayAsync(context, key, actorId, previous);
            return;
        }

        scope.Begin(key, actorId, request.Path.Value ?? "/");
        var executed = await next();
        if (executed.Exception is not null && FindDuplicate(executed.Exception) is not null)
        {
            executed.ExceptionHandled = true;
            executed.Result = await ReplayAsync(context, key, actorId, await WaitAsync(key));
            return;
        }
        if (scope.Committed)
        {
            // Recorded even when the handler failed after its change, so a second post does not wait in vain.
            var redirect = executed.Exception is null ? RedirectTarget(executed) : null;
            var notices = executed.Exception is null ? Notices(executed) : [];
            var protectedNotices = notices.Count == 0 ? null : Protector.Protect(JsonSerializer.Serialize(notices));
            await UseStoreAsync(store => store.CompleteAsync(key, redirect, protectedNotices, CancellationToken.None));
            return;
        }
        if (executed.Exception is null && RedirectTarget(executed) is null)
        {
            // Nothing written here: maybe because an identical post changed things meanwhile (its handler refused
            // this one with a message). If so, show that post's outcome instead.
            var other = await UseStoreAsync(store => store.FindAsync(key, ct));
            if (other is not null)
            {
                executed.Result = await ReplayAsync(context, key, actorId, await WaitAsync(key) ?? other);
            }
        }
    }

    /// <summary>The posted key, or empty (not a form post, no key, or a form the server refused to read).</summary>
    private static async Task<string> KeyOfAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return string.Empty;
        }
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form[SubmissionKeyTagHelper.FieldName].ToString();
        }
        catch (InvalidDataException)
        {
            // Over the form limits: binding has already recorded the problem; the page answers as before.
            return string.Empty;
        }
    }

    private IDataProtector Protector => dataProtection.CreateProtector("MilleLivres.FormSubmissions.Notices");

    private async Task<T> UseStoreAsync<T>(Func<FormSubmissions, Task<T>> action)
    {
        // A scope of its own: its transactions must not write this request's key.
        await using var own = scopes.CreateAsyncScope();
        return await action(own.ServiceProvider.GetRequiredService<FormSubmissions>());
    }

    private async Task UseStoreAsync(Func<FormSubmissions, Task> action) =>
        await UseStoreAsync(async store => { await action(store); return true; });

    private Task<SubmissionOutcome?> WaitAsync(string key) =>
        UseStoreAsync(store => store.WaitForOutcomeAsync(key, WaitForFirst, CancellationToken.None));

    private async Task<IActionResult> ReplayAsync(FilterContext context, string key, string? actorId, SubmissionOutcome? first)
    {
        if (first is not null && first.ActorId != actorId)
        {
            logger.LogWarning("Form key {Key} posted again by another user: refused.", key);
            return new BadRequestResult();
        }
        if (first is not null && !first.Completed)
        {
            first = await WaitAsync(key) ?? first;
        }
        var tempData = tempDataFactory.GetTempData(context.HttpContext);
        var restored = false;
        if (first?.ProtectedNotices is { } protectedNotices)
        {
            try
            {
                var notices = JsonSerializer.Deserialize<Dictionary<string, string>>(Protector.Unprotect(protectedNotices)) ?? [];
                foreach (var (name, value) in notices)
                {
                    tempData[name] = value;
                }
                restored = notices.Count > 0;
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                logger.LogWarning(e, "Notices of form key {Key} could not be read back.", key);
            }
        }
        if (!restored)
        {
            tempData["Success"] = AlreadySentNotice;
        }
        logger.LogInformation("Form key {Key} posted again: the first post's outcome is shown, nothing was changed.", key);
        var request = context.HttpContext.Request;
        return new RedirectResult(first?.RedirectTo ?? $"{request.PathBase}{request.Path}{request.QueryString}");
    }

    private string? RedirectTarget(PageHandlerExecutedContext executed)
    {
        var url = urlHelperFactory.GetUrlHelper(executed);
        return executed.Result switch
        {
            RedirectToPageResult r => url.Page(r.PageName, r.PageHandler, r.RouteValues, r.Protocol, r.Host, r.Fragment),
            RedirectResult r => r.Url,
            LocalRedirectResult r => r.Url,
            RedirectToRouteResult r => url.RouteUrl(r.RouteName, r.RouteValues),
            _ => null,
        };
    }

    /// <summary>The notices the handler left for the next page: TempData strings and [TempData] properties.</summary>
    private Dictionary<string, string> Notices(PageHandlerExecutedContext executed)
    {
        var notices = new Dictionary<string, string>();
        var tempData = tempDataFactory.GetTempData(executed.HttpContext);
        foreach (var name in tempData.Keys.ToList())
        {
            if (tempData.Peek(name) is string text)
            {
                notices[name] = text;
            }
        }
        foreach (var property in executed.HandlerInstance.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetCustomAttribute<TempDataAttribute>() is { } attribute && property.GetValue(executed.HandlerInstance) is string value)
            {
                notices[attribute.Key ?? property.Name] = value;
            }
        }
        return notices;
    }

    private static DuplicateSubmissionException? FindDuplicate(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DuplicateSubmissionException duplicate)
            {
                return duplicate;
            }
        }
        return null;
    }
}
