using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MilleLivres.Core.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Applications;

/// <summary>Whatever an applicant types is shown back as text, never as markup, on their pages and on staff pages.</summary>
public class EscapingTests(ApplicationsApp app) : IClassFixture<ApplicationsApp>
{
    private static string Hostile(string field) => $"<script>alert('{field}')</script>\"'&amp;<b>{field}</b>";

    private static readonly string[] FreeTextFields =
    [
        "TownName", "CiteEducativeName", "ApplicantName", "ApplicantRole", "CoordinatorName", "DeliveryStructure",
        "DeliveryStreet", "DeliveryCity", "AccessNotes", "Partners", "Plan",
    ];

    private static readonly string[] AllTextFields =
    [
        .. FreeTextFields, "InseeCode", "ApplicantEmail", "ApplicantPhone", "CoordinatorEmail", "CoordinatorPhone", "DeliveryPostcode",
        "Children[0].Count", "Children[1].Count", "Children[2].Count", "Children[3].Count",
    ];

    private static async Task<string> AssertNoInjectedMarkupAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>", html);
        return html;
    }

    private static async Task<IDocument> GetSafeAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        await AssertNoInjectedMarkupAsync(response);
        return await Http.ParseAsync(response);
    }

    [Fact]
    public async Task Hostile_input_in_every_field_is_given_back_escaped_on_the_form()
    {
        var fields = ApplyForm.Valid();
        foreach (var field in AllTextFields)
        {
            fields[$"Input.{field}"] = Hostile(field);
        }
        fields["Input.IsMember"] = Hostile("IsMember");
        var before = await ApplyForm.CountAsync(app.Factory);

        var response = await app.Factory.CreateBrowserLikeClient().SubmitFormAsync(ApplyForm.Url, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNoInjectedMarkupAsync(response);
        var document = await Http.ParseAsync(response);
        foreach (var field in AllTextFields)
        {
            var element = document.QuerySelector($"[name='Input.{field}']");
            var value = element switch
            {
                IHtmlInputElement input => input.Value,
                IHtmlTextAreaElement area => area.Value,
                _ => throw new InvalidOperationException($"no field {field}"),
            };
            // The value comes back whole, as text: quotes did not break out of the attribute.
            Assert.Equal(Hostile(field), value);
        }
        Assert.NotNull(document.FieldError("Input.InseeCode"));
        Assert.Equal(before, await ApplyForm.CountAsync(app.Factory));
    }

    [Fact]
    public async Task Hostile_input_is_shown_as_text_on_the_status_page_and_every_staff_page()
    {
        var fields = ApplyForm.Valid("x", "93070");
        foreach (var field in FreeTextFields)
        {
            fields[$"Input.{field}"] = Hostile(field);
        }
        fields["Input.ApplicantEmail"] = "o'brien&co@ville.example.fr";
        fields["Input.CoordinatorEmail"] = "coordination.escaping@ville.example.fr";
        var applicant = app.Factory.CreateBrowserLikeClient();
        var statusUrl = await ApplyForm.SubmitAsync(applicant, fields);
        var hash = SecretToken.Hash(statusUrl.Split('/').Last());
        var id = await app.Factory.WithDbAsync(db => db.ApplicationStatusLinks.Where(l => l.TokenHash == hash).Select(l => l.TownApplicationId).SingleAsync());

        var status = await GetSafeAsync(applicant, statusUrl);
        Assert.Contains(Hostile("TownName"), status.Text());
        Assert.Contains(Hostile("CiteEducativeName"), status.Text());

        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var list = await GetSafeAsync(staff, "/Staff/Applications");
        Assert.Contains(Hostile("TownName"), list.QuerySelector("#applications")!.TextContent);

        var details = await GetSafeAsync(staff, $"/Staff/Applications/Details/{id}");
        Assert.Equal(Hostile("TownName"), details.QuerySelector("#town-name")!.TextContent);
        Assert.Equal(Hostile("Partners"), details.QuerySelector("#partners")!.TextContent);
        Assert.Equal(Hostile("Plan"), details.QuerySelector("#plan")!.TextContent);
        foreach (var field in FreeTextFields)
        {
            Assert.Contains(Hostile(field), details.Text());
        }
        Assert.Contains("o'brien&co@ville.example.fr", details.Text());

        // The staff's reason is escaped too, and the applicant sees it as text.
        var decline = await staff.SubmitFormAsync($"/Staff/Applications/Details/{id}", new Dictionary<string, string>
        {
            ["Input.Decision"] = "decline",
            ["Input.Reason"] = Hostile("Reason"),
        }, "#decision-form");
        Assert.Equal(HttpStatusCode.Redirect, decline.StatusCode);
        var declined = await GetSafeAsync(applicant, statusUrl);
        Assert.Equal(Hostile("Reason"), declined.QuerySelector("#decision-reason")!.TextContent);
        await GetSafeAsync(staff, $"/Staff/Applications/Details/{id}");
    }

    [Fact]
    public async Task Hostile_names_are_escaped_on_the_invitation_the_coordinator_page_and_the_membership_list()
    {
        var fields = ApplyForm.Valid("x", "93039");
        foreach (var field in FreeTextFields)
        {
            fields[$"Input.{field}"] = Hostile(field);
        }
        fields["Input.CoordinatorEmail"] = "coordination.hostile@ville.example.fr";
        var statusUrl = await ApplyForm.SubmitAsync(app.Factory.CreateBrowserLikeClient(), fields);
        var hash = SecretToken.Hash(statusUrl.Split('/').Last());
        var id = await app.Factory.WithDbAsync(db => db.ApplicationStatusLinks.Where(l => l.TokenHash == hash).Select(l => l.TownApplicationId).SingleAsync());

        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await staff.SubmitFormAsync($"/Staff/Applications/Details/{id}", new Dictionary<string, string>
        {
            ["Input.Decision"] = "accept",
            ["Input.Reason"] = Hostile("Reason"),
        }, "#decision-form");
        var accepted = await GetSafeAsync(staff, $"/Staff/Applications/Details/{id}");
        Assert.Contains(Hostile("Reason"), accepted.Text());
        var invitationUrl = await Mail.EmlFiles.LinkAsync(app.Factory, "coordination.hostile@ville.example.fr", "/Account/Invitation/");

        var coordinator = app.Factory.CreateBrowserLikeClient();
        var invitation = await GetSafeAsync(coordinator, invitationUrl);
        Assert.Contains(Hostile("CoordinatorName"), invitation.Text());
        Assert.Contains(Hostile("TownName"), invitation.Text());
        var signedUp = await coordinator.SubmitFormAsync((IHtmlDocument)invitation, new Dictionary<string, string>
        {
            ["Input.Password"] = "une phrase de passe assez longue",
            ["Input.ConfirmPassword"] = "une phrase de passe assez longue",
        });
        Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        var home = await GetSafeAsync(coordinator, "/Coordinator");
        Assert.Contains(Hostile("TownName"), home.Text());

        var added = await staff.SubmitFormAsync("/Staff/Applications/Members", new Dictionary<string, string>
        {
            ["Input.TownName"] = Hostile("Member"),
            ["Input.InseeCode"] = "93039",
        }, "#add-member");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var members = await GetSafeAsync(staff, "/Staff/Applications/Members");
        Assert.Contains(Hostile("Member"), members.QuerySelector("#members")!.TextContent);
        var staffHome = await GetSafeAsync(staff, "/Staff/Applications");
        Assert.Contains(Hostile("TownName"), staffHome.Text());
    }
}
