using System.Net;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.Tests.Web;

public class SignInTests(SeededApp app) : IClassFixture<SeededApp>
{
    private static Dictionary<string, string> Credentials(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.SubmitFormAsync("/Account/Login", Credentials(Http.BoulogneEmail, "mauvais mot de passe"));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        var locked = await client.SubmitFormAsync("/Account/Login", Credentials(Http.BoulogneEmail, Http.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("verrouillé pendant 15 minutes", (await Http.ParseAsync(locked)).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Coordinator")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_gives_a_neutral_french_message()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/Account/Login", Credentials(Http.StaffEmail, "pas le bon mot de passe"));
        Assert.Contains("Adresse ou mot de passe incorrect.", (await Http.ParseAsync(response)).Text());
    }

    [Fact]
    public async Task Auth_cookie_is_http_only_and_same_site_lax()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/Account/Login", Credentials(Http.StaffEmail, Http.DemoPassword));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MilleLivres.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Staff_lands_on_the_dashboard_and_sees_staff_navigation_only()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/Account/Login", Credentials(Http.StaffEmail, Http.DemoPassword));
        Assert.Equal("/Staff", response.Headers.Location!.OriginalString);
        var nav = (await client.GetDocumentAsync("/Staff")).QuerySelector("nav")!.TextContent;
        Assert.Contains("Vagues", nav);
        Assert.DoesNotContain("Ma Cité éducative", nav);
    }

    [Fact]
    public async Task Return_url_to_another_site_is_ignored()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", Credentials(Http.StaffEmail, Http.DemoPassword));
        Assert.Equal("/Staff", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Coordinator_home_shows_their_own_town_only()
    {
        var client = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var page = await client.GetDocumentAsync("/Coordinator");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Lens", text);
        Assert.Contains("Vague 1", text);
        Assert.Contains("lundi 27 avril 2020", text);
        Assert.DoesNotContain("Boulogne-sur-Mer", text);
        var nav = page.QuerySelector("nav")!.TextContent;
        Assert.DoesNotContain("Villes", nav);
    }
}
