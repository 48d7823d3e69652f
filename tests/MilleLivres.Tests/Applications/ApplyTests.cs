using AngleSharp.Dom;
using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Applications;

public class ApplyTests(ApplicationsApp app) : IClassFixture<ApplicationsApp>
{
    [Fact]
    public async Task Apply_page_is_public_and_explains_the_offer_and_the_data_kept()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var document = await client.GetDocumentAsync(ApplyForm.Url);
        var text = document.Text();
        Assert.Contains("Candidater", document.Title);
        Assert.Contains("1000 livres neufs", text);
        Assert.Contains("3 à 18 ans", text);
        Assert.Contains("conservées deux ans", text);
        // One count field per age band, labelled with the band.
        Assert.Equal(4, document.QuerySelectorAll("input[name$='.Count']").Length);
        Assert.Contains("6-10 ans (élémentaire)", text);
    }

    [Fact]
    public async Task Valid_application_is_stored_once_with_a_private_status_link_and_a_pending_mail()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var statusUrl = await ApplyForm.SubmitAsync(client, ApplyForm.Valid("Arras", "62041"));

        var token = statusUrl.Split('/').Last();
        Assert.True(SecretToken.LooksValid(token));
        var status = await client.GetDocumentAsync(statusUrl);
        Assert.Contains("Arras", status.Text());
        Assert.Contains("déposée", status.QuerySelector("#application-status")!.TextContent);
        Assert.Contains("6-10 ans (élémentaire) : 300", status.Text());

        await app.Factory.WithDbAsync(async db =>
        {
            var stored = await db.TownApplications.Include(a => a.Children).Include(a => a.StatusLinks).SingleAsync(a => a.InseeCode == "62041");
            Assert.Equal(ApplicationStatus.Submitted, stored.Status);
            Assert.Equal("Pas-de-Calais", stored.Departement);
            Assert.Equal("Hauts-de-France", stored.Region);
            Assert.Equal("03 22 97 40 00", stored.Applicant.Phone);
            Assert.Equal("06 12 34 56 78", stored.Coordinator.Phone);
            Assert.Equal("80000", stored.Delivery.Postcode);
            Assert.Equal(new[] { 120, 300, 250, 0 }, stored.Children.OrderBy(c => c.AgeBandId).Select(c => c.Children));
            // Only the hash of the token is kept. The mail, once built, carries a second link of its own.
            var link = Assert.Single(stored.StatusLinks, l => l.TokenHash == SecretToken.Hash(token));
            Assert.NotEqual(token, link.TokenHash);
            Assert.InRange(stored.StatusLinks.Count, 1, 2);
            var mail = await db.OutboxEmails.SingleAsync(m => m.TownApplicationId == stored.Id);
            Assert.Equal(OutboxEmailKind.ApplicationStatusLink, mail.Kind);
            Assert.Contains(mail.Status, new[] { OutboxEmailStatus.Pending, OutboxEmailStatus.Sending, OutboxEmailStatus.Sent });
            Assert.Equal("claire.martin@ville.example.fr", mail.Recipient);
        });
    }

    [Fact]
    public async Task Confirmation_link_is_shown_only_once()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        await ApplyForm.SubmitAsync(client, ApplyForm.Valid("Calais", "62193"));
        var again = await client.GetDocumentAsync("/Apply/Confirmation");
        Assert.Null(again.QuerySelector("#status-link"));
    }

    [Fact]
    public async Task Invalid_fields_get_french_messages_at_the_field_and_nothing_is_stored()
    {
        var before = await ApplyForm.CountAsync(app.Factory);
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync(ApplyForm.Url, ApplyForm.Valid(overrides: new Dictionary<string, string>
        {
            ["Input.TownName"] = "  ",
            ["Input.InseeCode"] = "99999",
            ["Input.IsMember"] = "peut-être",
            ["Input.ApplicantEmail"] = "pas-une-adresse",
            ["Input.ApplicantPhone"] = "12 34",
            ["Input.CoordinatorEmail"] = "karim@",
            ["Input.CoordinatorPhone"] = "+44 20 7946 0958",
            ["Input.DeliveryPostcode"] = "8000",
            ["Input.Children[0].Count"] = "-3",
            ["Input.Children[1].Count"] = "2,5",
            ["Input.Children[2].Count"] = "beaucoup",
            ["Input.Children[3].Count"] = "",
            ["Input.Plan"] = new string('x', 2001),
            ["Input.Consent"] = "false",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Http.ParseAsync(response);
        Assert.Equal("Indiquez le nom de la ville.", document.FieldError("Input.TownName"));
        Assert.StartsWith("Ce code INSEE n'est pas valide", document.FieldError("Input.InseeCode"));
        Assert.Equal("Indiquez si la ville adhère à Ville & Banlieue.", document.FieldError("Input.IsMember"));
        Assert.StartsWith("Cette adresse électronique n'est pas valide", document.FieldError("Input.ApplicantEmail"));
        Assert.StartsWith("Ce numéro de téléphone n'est pas un numéro français valide", document.FieldError("Input.ApplicantPhone"));
        Assert.StartsWith("Cette adresse électronique n'est pas valide", document.FieldError("Input.CoordinatorEmail"));
        Assert.StartsWith("Ce numéro de téléphone n'est pas un numéro français valide", document.FieldError("Input.CoordinatorPhone"));
        Assert.Equal("Le code postal compte 5 chiffres (exemple : 62300).", document.FieldError("Input.DeliveryPostcode"));
        Assert.Equal("Indiquez un nombre entier positif ou nul, sans espace ni virgule.", document.FieldError("Input.Children[0].Count"));
        Assert.Equal("Indiquez un nombre entier positif ou nul, sans espace ni virgule.", document.FieldError("Input.Children[1].Count"));
        Assert.Equal("Indiquez un nombre entier positif ou nul, sans espace ni virgule.", document.FieldError("Input.Children[2].Count"));
        Assert.Equal("Indiquez un nombre d'enfants (0 si aucun).", document.FieldError("Input.Children[3].Count"));
        Assert.Equal("Le projet ne peut dépasser 2000 caractères.", document.FieldError("Input.Plan"));
        Assert.Equal("Vous devez accepter le traitement de ces données pour candidater.", document.FieldError("Input.Consent"));
        // What was typed is given back, so nothing needs typing twice.
        Assert.Equal("pas-une-adresse", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.ApplicantEmail']")!.Value);
        Assert.Equal(before, await ApplyForm.CountAsync(app.Factory));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.Recipient == "pas-une-adresse")));
    }

    [Fact]
    public async Task Missing_fields_each_get_their_own_message()
    {
        var before = await ApplyForm.CountAsync(app.Factory);
        var client = app.Factory.CreateBrowserLikeClient();
        var empty = ApplyForm.Valid().ToDictionary(f => f.Key, f => f.Key == "Input.Consent" ? "false" : "");
        var response = await client.SubmitFormAsync(ApplyForm.Url, empty);
        var document = await Http.ParseAsync(response);
        foreach (var field in new[] { "TownName", "InseeCode", "CiteEducativeName", "IsMember", "ApplicantName", "ApplicantRole",
                     "ApplicantEmail", "ApplicantPhone", "CoordinatorName", "CoordinatorEmail", "CoordinatorPhone", "DeliveryStructure",
                     "DeliveryStreet", "DeliveryPostcode", "DeliveryCity", "Partners", "Plan", "Consent" })
        {
            Assert.False(document.FieldError($"Input.{field}") is null, $"no message for {field}");
        }
        Assert.Null(document.FieldError("Input.AccessNotes"));
        Assert.Equal(before, await ApplyForm.CountAsync(app.Factory));
    }

    [Fact]
    public async Task At_least_one_age_band_must_have_children()
    {
        var before = await ApplyForm.CountAsync(app.Factory);
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync(ApplyForm.Url, ApplyForm.Valid(overrides: new Dictionary<string, string>
        {
            ["Input.Children[0].Count"] = "0",
            ["Input.Children[1].Count"] = "0",
            ["Input.Children[2].Count"] = "0",
            ["Input.Children[3].Count"] = "0",
        }));
        var document = await Http.ParseAsync(response);
        Assert.Equal("Indiquez au moins une tranche d'âge avec un nombre d'enfants supérieur à 0.", document.FieldError("Input.Children"));
        Assert.Equal(before, await ApplyForm.CountAsync(app.Factory));
    }

    [Fact]
    public async Task Wrong_or_malformed_status_token_gives_404()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        await ApplyForm.SubmitAsync(client, ApplyForm.Valid("Amiens", "80021"));
        var response = await client.GetAsync("/Apply/Status/" + SecretToken.New());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", (await Http.ParseAsync(response)).Text());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Apply/Status/1")).StatusCode);
    }

    [Fact]
    public async Task Each_status_link_shows_its_own_application()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var first = await ApplyForm.SubmitAsync(client, ApplyForm.Valid("Maubeuge", "59392"));
        var second = await ApplyForm.SubmitAsync(client, ApplyForm.Valid("Rennes", "35238"));
        var firstText = (await client.GetDocumentAsync(first)).Text();
        var secondText = (await client.GetDocumentAsync(second)).Text();
        Assert.Contains("Maubeuge", firstText);
        Assert.DoesNotContain("Rennes", firstText);
        Assert.Contains("Rennes", secondText);
        Assert.DoesNotContain("Maubeuge", secondText);
    }

    [Fact]
    public async Task Filled_honeypot_looks_accepted_but_stores_nothing()
    {
        var before = await ApplyForm.CountAsync(app.Factory);
        var client = app.Factory.CreateBrowserLikeClient();
        var fields = ApplyForm.Valid("Trappes", "78621");
        fields["Website"] = "http://spam.example";
        var response = await client.SubmitFormAsync(ApplyForm.Url, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await ApplyForm.CountAsync(app.Factory));
        Assert.Null((await client.GetDocumentAsync("/Apply/Confirmation")).QuerySelector("#status-link"));
    }

    [Fact]
    public async Task Oversized_request_is_refused_and_nothing_is_stored()
    {
        var before = await ApplyForm.CountAsync(app.Factory);
        var client = app.Factory.CreateBrowserLikeClient();
        var fields = ApplyForm.Valid("Lormont", "33249");
        fields["Input.Plan"] = new string('x', 100_000);
        var response = await client.SubmitFormAsync(ApplyForm.Url, fields);
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest,
            $"expected 413 or 400, got {(int)response.StatusCode}");
        Assert.Equal(before, await ApplyForm.CountAsync(app.Factory));
    }
}

public class FormTextCleaningTests(ApplicationsApp app) : IClassFixture<ApplicationsApp>
{
    [Fact]
    public async Task Control_characters_typed_in_a_form_are_stripped_before_anything_is_stored()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        await ApplyForm.SubmitAsync(client, ApplyForm.Valid("Calais", "62193", new Dictionary<string, string>
        {
            ["Input.Partners"] = "Écoles\u0001 du quartier\u001B,\u0007 médiathèque\u009B",
            ["Input.Plan"] = "Remise en classe\r\npuis\tlectures avec les familles.\u0008",
        }));
        var stored = await app.Factory.WithDbAsync(db => db.TownApplications.AsNoTracking().SingleAsync(a => a.InseeCode == "62193"));
        Assert.Equal("Écoles du quartier, médiathèque", stored.Partners);
        Assert.Equal("Remise en classe\r\npuis\tlectures avec les familles.", stored.Plan);
    }
}
