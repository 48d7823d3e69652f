using System.Net;
using AngleSharp.Html.Dom;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Applications;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Stock;
using MilleLivres.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Integrity;

/// <summary>
/// A double click, or a slow network: the same form (same antiforgery token, same one-time key) posted twice at the
/// same moment. The change is made once and both posts answer with its outcome (ADR 0500).
/// </summary>
public class DoubleSubmitTests(ApplicationsApp app) : IClassFixture<ApplicationsApp>
{
    private AppFactory Factory => app.Factory;

    /// <summary>Loads the form once, then posts it twice concurrently, exactly as rendered plus <paramref name="fields"/>.</summary>
    internal static async Task<HttpResponseMessage[]> PostTwiceAtOnceAsync(HttpClient client, IHtmlDocument page, IDictionary<string, string> fields, string selector = "main form")
    {
        var key = page.QuerySelector($"{selector} input[name='{SubmissionKeyTagHelper.FieldName}']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(key), $"the form {selector} carries a one-time key");
        using var start = new ManualResetEventSlim(false);
        var posts = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await client.SubmitFormAsync(page, fields, selector);
        })).ToList();
        start.Set();
        return await Task.WhenAll(posts);
    }

    internal static void AssertSameRedirect(HttpResponseMessage[] responses, string? expectedLocation = null)
    {
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var locations = responses.Select(r => r.Headers.Location!.OriginalString).Distinct().ToList();
        Assert.Single(locations);
        if (expectedLocation is not null)
        {
            Assert.Equal(expectedLocation, locations[0]);
        }
    }

    private async Task<int> BandIdAsync(int minAge) =>
        await Factory.WithDbAsync(db => db.AgeBands.Where(b => b.MinAge == minAge).Select(b => b.Id).SingleAsync());

    [Fact]
    public async Task Every_state_changing_form_carries_a_one_time_key_and_forms_that_only_read_do_not()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var donation = await client.GetDocumentAsync("/Staff/Stock/Donation");
        var first = donation.QuerySelector($"main form input[name='{SubmissionKeyTagHelper.FieldName}']")!.GetAttribute("value");
        var again = (await client.GetDocumentAsync("/Staff/Stock/Donation")).QuerySelector($"main form input[name='{SubmissionKeyTagHelper.FieldName}']")!.GetAttribute("value");
        Assert.NotEqual(first, again);
        var stock = await client.GetDocumentAsync("/Staff/Stock");
        Assert.All(stock.QuerySelectorAll("main form[method='get']"), f => Assert.Null(f.QuerySelector($"input[name='{SubmissionKeyTagHelper.FieldName}']")));
        var apply = await Factory.CreateBrowserLikeClient().GetDocumentAsync(ApplyForm.Url);
        Assert.NotNull(apply.QuerySelector($"main form input[name='{SubmissionKeyTagHelper.FieldName}']"));
    }

    [Fact]
    public async Task A_donation_posted_twice_at_once_is_received_once_and_both_posts_show_its_outcome()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var isbn = TestIsbns.Next();
        var page = await client.GetDocumentAsync("/Staff/Stock/Donation");

        var responses = await PostTwiceAtOnceAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Publisher"] = "Didier Jeunesse",
            ["Input.ReceivedOn"] = "2020-05-11",
            ["Input.Lines[0].Isbn"] = isbn,
            ["Input.Lines[0].Quantity"] = "17",
            ["Input.Lines[0].Name"] = "Une fois suffit",
            ["Input.Lines[0].AgeBandId"] = (await BandIdAsync(3)).ToString(),
            ["Input.Lines[0].Genre"] = nameof(Genre.Album),
        });

        AssertSameRedirect(responses, "/Staff/Stock");
        var title = await Factory.WithDbAsync(db => db.Titles.AsNoTracking().SingleAsync(t => t.Isbn == isbn));
        Assert.Equal(17, title.OnHand);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.TitleId == title.Id)));
        var list = await client.GetDocumentAsync("/Staff/Stock");
        Assert.Contains("Don de Didier Jeunesse enregistré : 17 exemplaire(s), 1 nouveau(x) titre(s).", list.Text());
    }

    [Fact]
    public async Task Two_different_donations_creating_the_same_new_isbn_at_once_both_succeed_with_one_title()
    {
        var isbn = TestIsbns.Next();
        var band = (await BandIdAsync(11)).ToString();
        var clients = new[] { await Factory.SignedInClientAsync(Http.StaffEmail), await Factory.SignedInClientAsync(Http.StaffEmail) };
        var pages = new[] { await clients[0].GetDocumentAsync("/Staff/Stock/Donation"), await clients[1].GetDocumentAsync("/Staff/Stock/Donation") };
        using var start = new ManualResetEventSlim(false);
        var posts = new[] { 0, 1 }.Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await clients[i].SubmitFormAsync(pages[i], new Dictionary<string, string>
            {
                ["Input.Publisher"] = "Rue du Monde",
                ["Input.ReceivedOn"] = "2020-06-02",
                ["Input.Lines[0].Isbn"] = isbn,
                ["Input.Lines[0].Quantity"] = (5 + i).ToString(),
                ["Input.Lines[0].Name"] = "Deux dons, un titre",
                ["Input.Lines[0].AgeBandId"] = band,
                ["Input.Lines[0].Genre"] = nameof(Genre.Roman),
            });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var title = await Factory.WithDbAsync(db => db.Titles.AsNoTracking().SingleAsync(t => t.Isbn == isbn));
        Assert.Equal(11, title.OnHand);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.TitleId == title.Id)));
    }

    [Fact]
    public async Task An_adjustment_posted_twice_at_once_is_counted_once()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var id = await StockLedgerTests.NewTitleAsync(Factory, "Ajusté une fois", onHand: 30);
        var page = await client.GetDocumentAsync($"/Staff/Stock/Adjust/{id}");

        var responses = await PostTwiceAtOnceAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Quantity"] = "-4",
            ["Input.Reason"] = nameof(AdjustmentReason.Damaged),
        });

        AssertSameRedirect(responses, $"/Staff/Stock/Details/{id}");
        Assert.Equal(26, await Factory.WithDbAsync(db => db.Titles.Where(t => t.Id == id).Select(t => t.OnHand).SingleAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.StockMovements.CountAsync(m => m.TitleId == id && m.Kind == StockMovementKind.Adjustment)));
    }

    [Fact]
    public async Task An_import_committed_twice_at_once_is_imported_once()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var isbn = TestIsbns.Next();
        var content = System.Text.Encoding.UTF8.GetBytes("ISBN;Titre;Âge;Quantité\n" + $"{isbn};Importé une fois;6-10 ans;9\n");
        var upload = await client.GetDocumentAsync("/Staff/Stock/Import");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Http.AntiforgeryToken(upload, "#import-form")), "__RequestVerificationToken" },
            { new StringContent("Milan"), "Input.Publisher" },
            { new StringContent("2020-09-14"), "Input.ReceivedOn" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "Input.File", "milan.csv");
        var preview = await Http.ParseAsync(await client.PostAsync("/Staff/Stock/Import?handler=Preview", form));

        var responses = await PostTwiceAtOnceAsync(client, preview, new Dictionary<string, string>(), "#commit-form");

        AssertSameRedirect(responses);
        Assert.Equal(9, await Factory.WithDbAsync(db => db.Titles.Where(t => t.Isbn == isbn).Select(t => t.OnHand).SingleAsync()));
        var hash = StockImporter.HashOf(content);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.StockImports.CountAsync(i => i.FileHash == hash)));
    }

    [Fact]
    public async Task The_public_form_posted_twice_at_once_creates_one_application_and_both_answers_show_its_status_link()
    {
        var client = Factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync(ApplyForm.Url);
        var before = await ApplyForm.CountAsync(Factory);

        var responses = await PostTwiceAtOnceAsync(client, page, ApplyForm.Valid("Calais", "62193"));

        AssertSameRedirect(responses, "/Apply/Confirmation");
        Assert.Equal(before + 1, await ApplyForm.CountAsync(Factory));
        var applicationId = await Factory.WithDbAsync(db => db.TownApplications.Where(a => a.InseeCode == "62193").Select(a => a.Id).SingleAsync());
        // One link from the form; the mail job issues its own when it builds the status mail (only hashes are stored).
        Assert.InRange(await Factory.WithDbAsync(db => db.ApplicationStatusLinks.CountAsync(l => l.TownApplicationId == applicationId)), 1, 2);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.Kind == OutboxEmailKind.ApplicationStatusLink && m.TownApplicationId == applicationId)));
        // Whichever answer the browser kept, the applicant still gets the private status link.
        var confirmation = await client.GetDocumentAsync("/Apply/Confirmation");
        var link = confirmation.QuerySelector("#status-link")?.GetAttribute("href");
        Assert.NotNull(link);
        var status = await client.GetDocumentAsync(new Uri(link).PathAndQuery);
        Assert.Contains("Calais", status.Text());
    }

    [Fact]
    public async Task A_review_decision_posted_twice_at_once_accepts_once_with_one_invitation()
    {
        var statusUrl = await ApplyForm.SubmitAsync(Factory.CreateBrowserLikeClient(), ApplyForm.Valid("Arras", "62041"));
        var hash = SecretToken.Hash(statusUrl.Split('/').Last());
        var id = await Factory.WithDbAsync(db => db.ApplicationStatusLinks.Where(l => l.TokenHash == hash).Select(l => l.TownApplicationId).SingleAsync());
        var staff = await Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync($"/Staff/Applications/Details/{id}");

        var responses = await PostTwiceAtOnceAsync(staff, page, new Dictionary<string, string>
        {
            ["Input.Decision"] = "accept",
            ["Input.Reason"] = "Projet solide, partenaires engagés.",
        }, "#decision-form");

        AssertSameRedirect(responses, $"/Staff/Applications/Details/{id}");
        Assert.Equal(ApplicationStatus.Accepted, await Factory.WithDbAsync(db => db.TownApplications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.CoordinatorInvitations.CountAsync(i => i.TownApplicationId == id)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.WaveTowns.CountAsync(w => w.Town.InseeCode == "62041")));
        // One invitation mail, which carries the link (ADR 0601).
        var invitationId = await Factory.WithDbAsync(db => db.CoordinatorInvitations.Where(i => i.TownApplicationId == id).Select(i => i.Id).SingleAsync());
        Assert.Equal(1, await Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.Kind == OutboxEmailKind.CoordinatorInvitation && m.CoordinatorInvitationId == invitationId)));
        var coordinator = await Factory.WithDbAsync(db => db.CoordinatorInvitations.Where(i => i.TownApplicationId == id).Select(i => i.Email).SingleAsync());
        Assert.StartsWith("/Account/Invitation/", await Mail.EmlFiles.LinkAsync(Factory, coordinator, "/Account/Invitation/"));
    }

    [Fact]
    public async Task A_new_wave_posted_twice_at_once_is_created_once()
    {
        var client = await Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await client.GetDocumentAsync("/Staff/Waves/Create");

        var responses = await PostTwiceAtOnceAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Number"] = "41",
            ["Input.Name"] = "Vague 41 — double clic",
            ["Input.PlannedDeliveryOn"] = "2021-03-15",
        });

        AssertSameRedirect(responses);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Waves.CountAsync(w => w.Name == "Vague 41 — double clic")));
    }

    [Fact]
    public async Task A_spent_key_posted_again_later_changes_nothing_and_shows_the_first_outcome()
    {
        var staff = await Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync("/Staff/Waves/Create");
        var fields = new Dictionary<string, string> { ["Input.Number"] = "42", ["Input.Name"] = "Vague 42", ["Input.PlannedDeliveryOn"] = "2021-04-15" };
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(page, fields)).StatusCode);

        // The same form posted again later (back button, resend), even from a new page load: the key is spent.
        var other = await Factory.SignedInClientAsync(Http.StaffEmail);
        var otherPage = await other.GetDocumentAsync("/Staff/Waves/Create");
        var key = page.QuerySelector($"main form input[name='{SubmissionKeyTagHelper.FieldName}']")!.GetAttribute("value")!;
        var first = await staff.SubmitFormAsync(page, fields);
        var response = await other.SubmitFormAsync(otherPage, new Dictionary<string, string>(fields) { [SubmissionKeyTagHelper.FieldName] = key, ["Input.Number"] = "43" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(first.Headers.Location, response.Headers.Location);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Waves.CountAsync(w => w.Name == "Vague 42")));
        Assert.False(await Factory.WithDbAsync(db => db.Waves.AnyAsync(w => w.Number == 43)));
    }
}
