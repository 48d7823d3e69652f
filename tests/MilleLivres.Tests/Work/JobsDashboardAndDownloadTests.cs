using System.Net;
using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using MilleLivres.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Work;

public class JobsDashboardAndDownloadTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task Anonymous_visitor_of_the_jobs_dashboard_is_sent_to_sign_in()
    {
        var response = await app.Factory.CreateBrowserLikeClient().GetAsync("/Staff/jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/Staff/jobs")]
    [InlineData("/Staff/jobs/jobs/succeeded")]
    public async Task Coordinator_gets_403_on_the_jobs_dashboard(string url)
    {
        var client = await app.Factory.SignedInClientAsync(Http.LensEmail);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Hangfire", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_see_the_jobs_dashboard()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.GetAsync("/Staff/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Travaux en arrière-plan", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(Roles.Coordinator, false)]
    [InlineData(Roles.Staff, true)]
    public void Dashboard_filter_lets_only_staff_in(string? role, bool allowed)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        if (role is not null)
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "Test"));
        }
        var context = new AspNetCoreDashboardContext(new InMemoryStorage(), new DashboardOptions(), http);
        Assert.Equal(allowed, new StaffDashboardAuthorizationFilter().Authorize(context));
    }

    private async Task<(long Id, byte[] Content)> StoredSlipAsync(string townName)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MilleLivres.Core.Data.AppDbContext>();
        var wave = await db.WaveTowns.AsNoTracking().Where(t => t.Town.Name == townName).Select(t => new { t.WaveId, t.TownId }).FirstAsync();
        var slip = SlipBuilder.Slip(SlipBuilder.Books(45), town: townName);
        var pdf = scope.ServiceProvider.GetRequiredService<PackingSlipRenderer>().Render(slip);
        var document = await scope.ServiceProvider.GetRequiredService<DocumentStore>().SaveAsync(
            PackingSlipWork.DocumentKind, PackingSlipWork.OwnerKey(wave.WaveId, wave.TownId), wave.WaveId, wave.TownId, PackingSlipWork.FileName(slip), pdf);
        return (document.Id, pdf);
    }

    [Fact]
    public async Task Staff_download_a_stored_slip_with_its_hash()
    {
        var (id, content) = await StoredSlipAsync("Boulogne-sur-Mer");
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await client.GetAsync($"/Staff/Documents/Download/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("bordereau-", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(content, bytes);
        Assert.Equal(DocumentStore.Sha256Of(content), response.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Contains("Boulogne-sur-Mer", string.Join("\n", PdfReading.PageTexts(bytes)));
    }

    [Fact]
    public async Task Coordinator_downloads_their_own_towns_slip_but_not_another_towns()
    {
        var (lens, _) = await StoredSlipAsync("Lens");
        var (boulogne, _) = await StoredSlipAsync("Boulogne-sur-Mer");
        var client = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Coordinator/Documents/Download/{lens}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Coordinator/Documents/Download/{boulogne}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Coordinator/Documents/Download/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Staff/Documents/Download/{lens}")).StatusCode);
    }

    [Fact]
    public async Task Saving_a_slip_again_replaces_it_instead_of_adding_one()
    {
        var (first, _) = await StoredSlipAsync("Saint-Quentin");
        var (second, content) = await StoredSlipAsync("Saint-Quentin");
        Assert.Equal(first, second);
        var stored = await app.Factory.WithDbAsync(db => db.GeneratedDocuments.AsNoTracking().Where(d => d.Id == first).ToListAsync());
        Assert.Equal(DocumentStore.Sha256Of(content), Assert.Single(stored).Sha256);
    }
}

public class PackingOptionsStartupTests
{
    private sealed class MissingFontApp : AppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Packing:FontDirectory"] = "/nonexistent/fonts",
        };
    }

    [Fact]
    public void A_missing_font_stops_the_start_with_a_french_message()
    {
        using var app = new MissingFontApp();
        var error = Record.Exception(() => app.Server);
        Assert.NotNull(error);
        var messages = string.Join("\n", Flatten(error));
        Assert.Contains("Police introuvable : « /nonexistent/fonts/DejaVuSans.ttf »", messages);
        Assert.Contains("Packing:FontDirectory", messages);
    }

    private static IEnumerable<string> Flatten(Exception e)
    {
        yield return e.Message;
        if (e is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
            {
                yield return inner;
            }
        }
        else if (e.InnerException is not null)
        {
            foreach (var inner in Flatten(e.InnerException))
            {
                yield return inner;
            }
        }
    }
}
