using System.Net;
using MilleLivres.Core.Documents;
using MilleLivres.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Web;

public class ResponseHardeningTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Theory]
    [InlineData("/Staff/Stock?handler=Csv")]
    [InlineData("/Staff/Stock?handler=Xlsx")]
    public async Task Spreadsheet_downloads_are_never_stored_by_a_cache(string url)
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_pdf_download_is_never_stored_by_a_cache()
    {
        var id = await app.Factory.WithDbAsync(async db =>
        {
            var store = new DocumentStore(db, TimeProvider.System);
            var document = await store.SaveAsync("test-pdf", $"test:{Guid.NewGuid():N}", null, null, "essai.pdf", "%PDF-1.4 essai"u8.ToArray());
            return document.Id;
        });
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.GetAsync($"/Staff/Documents/Download/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task An_ordinary_page_is_not_marked_no_store_by_the_download_rule()
    {
        var response = await app.Factory.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_with_the_french_error_page()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        // 31 MB: over Kestrel's 30 MB default for every page but the import one.
        var content = new ByteArrayContent(new byte[31_000_000]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var response = await client.PostAsync("/Account/Login", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await Http.ParseAsync(response);
        Assert.Equal("Envoi trop volumineux", page.QuerySelector("h1")!.TextContent.Trim());
    }
}

public class ServerHeaderTests : IAsyncLifetime
{
    private readonly AppFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Kestrel_does_not_say_what_server_it_is()
    {
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
    }
}
