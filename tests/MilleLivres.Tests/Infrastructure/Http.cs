using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MilleLivres.Core.Seeding;

namespace MilleLivres.Tests.Infrastructure;

/// <summary>Drives the app as a browser without JavaScript would: real forms, real antiforgery tokens, cookies.</summary>
public static class Http
{
    public static readonly string StaffEmail = DemoSeeder.Accounts[0].Email;
    public static readonly string LensEmail = DemoSeeder.Accounts[1].Email;
    public static readonly string BoulogneEmail = DemoSeeder.Accounts[2].Email;
    public const string DemoPassword = DemoSeeder.DemoPassword;

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!));
    }

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, finds the form (by CSS selector, or the one in main), fills the given
    /// fields over the form's own values (hidden fields and the antiforgery token included) and submits it.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string pageUrl, IDictionary<string, string> fields, string formSelector = "main form")
    {
        var document = await client.GetDocumentAsync(pageUrl);
        return await client.SubmitFormAsync(document, fields, formSelector);
    }

    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, IHtmlDocument document, IDictionary<string, string> fields, string formSelector = "main form")
    {
        var form = document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {document.Url}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked && !fields.ContainsKey(input.Name))
                        {
                            values.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (!fields.ContainsKey(input.Name))
                    {
                        values.Add(new(input.Name, input.Value));
                    }
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name):
                    values.Add(new(select.Name, select.Value ?? string.Empty));
                    break;
            }
        }
        values.AddRange(fields);
        // The raw attribute: AngleSharp's resolved Action escapes the '?' of "?handler=X".
        var action = form.GetAttribute("action") is { Length: > 0 } raw ? new Uri(new Uri(document.Url), raw).ToString() : document.Url;
        var target = new Uri(action).PathAndQuery;
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    public static string AntiforgeryToken(IHtmlDocument document, string formSelector = "main form") =>
        document.QuerySelector(formSelector)?.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
        ?? throw new InvalidOperationException("No antiforgery token in the form");

    public static async Task<HttpClient> SignedInClientAsync(this AppFactory factory, string email, string password = DemoPassword)
    {
        var client = factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>The French validation message shown next to a field (asp-validation-for), or null.</summary>
    public static string? FieldError(this IHtmlDocument document, string fieldName) =>
        document.QuerySelector($"[data-valmsg-for='{fieldName}']")?.TextContent.Trim() is { Length: > 0 } text ? text : null;

    public static string Text(this IDocument document) => document.Body?.TextContent ?? string.Empty;
}
