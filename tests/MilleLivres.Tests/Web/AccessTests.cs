using System.Net;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.Tests.Web;

public class AccessTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Theory]
    [InlineData("/Staff")]
    [InlineData("/Staff/Towns")]
    [InlineData("/Staff/Waves")]
    [InlineData("/Coordinator")]
    public async Task Anonymous_visitor_is_sent_to_sign_in(string url)
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location!.Query);
    }

    [Fact]
    public async Task Coordinator_gets_403_on_staff_pages_with_a_french_page()
    {
        var client = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var response = await client.GetAsync("/Staff/Towns");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var document = await Http.ParseAsync(response);
        Assert.Contains("Accès refusé", document.Text());
    }

    [Fact]
    public async Task Staff_gets_403_on_coordinator_pages()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.GetAsync("/Coordinator");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Public_home_lists_the_waves_and_their_real_towns()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var document = await client.GetDocumentAsync("/");
        var wave1 = document.QuerySelector("section[aria-labelledby=vague-1]")!.TextContent;
        var wave2 = document.QuerySelector("section[aria-labelledby=vague-2]")!.TextContent;
        Assert.Contains("Lens", wave1);
        Assert.Contains("Charleville-Mézières", wave1);
        Assert.DoesNotContain("Boulogne-sur-Mer", wave1);
        Assert.Contains("Boulogne-sur-Mer", wave2);
        Assert.Contains("Saint-Quentin", wave2);
    }

    [Fact]
    public async Task Health_endpoint_answers_anonymously()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Only_the_jobs_dashboard_allows_inline_styles_and_never_inline_scripts()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var dashboard = string.Join(";", (await client.GetAsync("/Staff/jobs")).Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'self' 'unsafe-inline'", dashboard);
        Assert.Contains("script-src 'self';", dashboard);
        var staffPage = string.Join(";", (await client.GetAsync("/Staff/Towns")).Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", staffPage);
    }

    [Fact]
    public async Task Unknown_page_gives_a_french_404_without_stack_trace()
    {
        // Anonymous visitors are sent to sign-in for anything not public (the fallback policy), known or not.
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.GetAsync("/nulle-part");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = (await Http.ParseAsync(response)).Text();
        Assert.Contains("Page introuvable", text);
        Assert.DoesNotContain("Exception", text);
    }

    [Fact]
    public async Task Posting_a_form_without_antiforgery_token_is_refused()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Http.StaffEmail,
            ["Input.Password"] = Http.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
