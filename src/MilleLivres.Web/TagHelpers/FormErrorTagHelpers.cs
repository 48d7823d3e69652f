using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MilleLivres.Web.TagHelpers;

/// <summary>
/// Form errors that assistive technology can follow, after the French and British public-service design systems (DSFR,
/// GOV.UK): every <c>&lt;div asp-validation-summary&gt;</c> becomes a summary listing each error as a link to its field
/// (focused after a failed post by error-summary.js), each field in error gets <c>aria-invalid</c> and
/// <c>aria-describedby</c> pointing at its message, and the layout prefixes the page title with « Erreur : ».
/// Forms get all of it by using the usual tag helpers (<c>asp-for</c>, <c>asp-validation-for</c>, <c>asp-validation-summary</c>).
/// </summary>
public static class FormErrors
{
    public const string SummaryId = "error-summary";

    /// <summary>The id of the element that shows the message of <paramref name="fieldId"/>.</summary>
    public static string MessageId(string fieldId) => fieldId + "-error";

    public static string FieldId(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_");

    public static bool HasErrors(ModelStateDictionary modelState, string fullName) =>
        modelState.TryGetValue(fullName, out var entry) && entry.Errors.Count > 0;
}

/// <summary>Replaces the framework's validation summary with the accessible one (see <see cref="FormErrors"/>).</summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    // After the framework's ValidationSummaryTagHelper, whose output this replaces.
    public override int Order => 100;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>An optional sentence before the list (« La candidature n'a pas été enregistrée. »).</summary>
    [HtmlAttributeName("error-intro")]
    public string? Intro { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var modelState = ViewContext.ViewData.ModelState;
        var errors = modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error => (Key: e.Key, Message: error.ErrorMessage)))
            .Where(e => !string.IsNullOrEmpty(e.Message))
            .Select((e, i) => (e.Key, e.Message, Index: i))
            // The same message under the form and under a field is listed once, as the link to the field.
            .GroupBy(e => e.Message)
            .Select(g => g.OrderBy(e => e.Key.Length == 0).ThenBy(e => e.Index).First())
            .OrderBy(e => e.Index)
            .Select(e => (e.Key, e.Message))
            .ToList();
        output.Attributes.Clear();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", FormErrors.SummaryId);
        output.Attributes.SetAttribute("class", "alert alert-danger error-summary validation-summary-errors");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("aria-labelledby", FormErrors.SummaryId + "-title");

        var encoder = HtmlEncoder.Default;
        var html = new System.Text.StringBuilder();
        var title = errors.Count == 1 ? "Il y a une erreur à corriger" : $"Il y a {errors.Count} erreurs à corriger";
        html.Append("<h2 class=\"h5\" id=\"").Append(FormErrors.SummaryId).Append("-title\">").Append(encoder.Encode(title)).Append("</h2>");
        if (!string.IsNullOrWhiteSpace(Intro))
        {
            html.Append("<p>").Append(encoder.Encode(Intro)).Append("</p>");
        }
        html.Append("<ul class=\"mb-0\">");
        foreach (var (key, message) in errors)
        {
            html.Append("<li>");
            if (key.Length > 0)
            {
                html.Append("<a class=\"alert-link\" href=\"#").Append(encoder.Encode(FormErrors.FieldId(key)))
                    .Append("\" data-field=\"").Append(encoder.Encode(key)).Append("\">")
                    .Append(encoder.Encode(message)).Append("</a>");
            }
            else
            {
                html.Append(encoder.Encode(message));
            }
            html.Append("</li>");
        }
        html.Append("</ul>");
        output.Content.SetHtmlContent(html.ToString());
    }
}

/// <summary>A field in error: <c>aria-invalid="true"</c> and <c>aria-describedby</c> pointing at its message.</summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    public override int Order => 100;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var fullName = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (output.Attributes["type"]?.Value?.ToString() == "hidden" || !FormErrors.HasErrors(ViewContext.ViewData.ModelState, fullName))
        {
            return;
        }
        MarkInvalid(output, FormErrors.MessageId(FormErrors.FieldId(fullName)));
    }

    internal static void MarkInvalid(TagHelperOutput output, string messageId)
    {
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? messageId : $"{messageId} {describedBy}");
    }
}

/// <summary>
/// The same for fields written by hand (radio buttons, check boxes): <c>error-for="Input.Decision"</c> names the
/// model-state key whose message describes the element.
/// </summary>
[HtmlTargetElement(Attributes = "error-for")]
public sealed class ErrorForTagHelper : TagHelper
{
    public override int Order => 100;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("error-for")]
    public string Key { get; set; } = string.Empty;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (FormErrors.HasErrors(ViewContext.ViewData.ModelState, Key))
        {
            FieldErrorTagHelper.MarkInvalid(output, FormErrors.MessageId(FormErrors.FieldId(Key)));
        }
    }
}

/// <summary>Gives each field message the id its field points at.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
[HtmlTargetElement("div", Attributes = "asp-validation-for")]
public sealed class FieldMessageTagHelper : TagHelper
{
    public override int Order => 100;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id"))
        {
            var fullName = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
            output.Attributes.SetAttribute("id", FormErrors.MessageId(FormErrors.FieldId(fullName)));
        }
    }
}
