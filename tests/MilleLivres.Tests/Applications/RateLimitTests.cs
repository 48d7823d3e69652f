using System.Net;
using MilleLivres.Tests.Infrastructure;

namespace MilleLivres.Tests.Applications;

public sealed class StrictRateLimitApp : IAsyncLifetime
{
    public StrictRateLimitFactory Factory { get; } = new();

    public Task InitializeAsync() => Factory.SeededAsync();

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public class RateLimitTests(StrictRateLimitApp app) : IClassFixture<StrictRateLimitApp>
{
    [Fact]
    public async Task Submissions_over_the_limit_get_a_french_429_page_and_are_not_stored()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        // Every submission counts, valid or not: the limit is on posting, not on succeeding.
        var invalid = await client.SubmitFormAsync(ApplyForm.Url, ApplyForm.Valid(overrides: new Dictionary<string, string> { ["Input.ApplicantEmail"] = "x" }));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        for (var i = 1; i < StrictRateLimitFactory.Limit; i++)
        {
            await ApplyForm.SubmitAsync(client, ApplyForm.Valid("Arras", "62041"));
        }

        var stored = await ApplyForm.CountAsync(app.Factory);
        var refused = await client.SubmitFormAsync(ApplyForm.Url, ApplyForm.Valid("Calais", "62193"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "a Retry-After header tells when to come back");
        var page = await Http.ParseAsync(refused);
        Assert.Contains("Trop de demandes", page.Text());
        Assert.Contains("Réessayez dans quelques minutes", page.Text());
        Assert.Equal(stored, await ApplyForm.CountAsync(app.Factory));

        // Reading the form is not limited.
        await client.GetDocumentAsync(ApplyForm.Url);
    }
}
