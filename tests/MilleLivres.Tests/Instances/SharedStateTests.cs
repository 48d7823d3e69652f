using System.Net;
using MilleLivres.Core.RateLimiting;
using MilleLivres.Tests.Applications;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Stock;
using MilleLivres.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Instances;

/// <summary>Nothing kept by one instance (issue 17): two app hosts on one database, each with its own data folder.</summary>
public sealed class SharedStateTests
{
    [Fact]
    public async Task A_sign_in_cookie_and_a_form_token_made_by_one_instance_are_accepted_by_the_other()
    {
        using var first = new InstanceFactory();
        await first.SeededAsync();
        using var second = new InstanceFactory(first);
        await SignInOnOneAndWorkOnTheOtherAsync(first, second);

        // The keys are rows of the shared database, not files in either data folder.
        Assert.NotEmpty(await first.WithDbAsync(db => db.DataProtectionKeys.ToListAsync()));
        Assert.False(Directory.Exists(Path.Combine(first.DataDirectory, KeyProtection.LegacyKeyFolderName)));
        Assert.False(Directory.Exists(Path.Combine(second.DataDirectory, KeyProtection.LegacyKeyFolderName)));
    }

    [Fact]
    public async Task On_postgresql_a_user_signed_in_on_one_instance_keeps_working_on_the_other()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        using var first = new InstanceFactory { PostgreSqlConnectionString = database, DropsPostgreSqlDatabase = true };
        await first.SeededAsync();
        using var second = new InstanceFactory { PostgreSqlConnectionString = database };
        await SignInOnOneAndWorkOnTheOtherAsync(first, second);
        Assert.NotEmpty(await second.WithDbAsync(db => db.DataProtectionKeys.ToListAsync()));
    }

    [Fact]
    public async Task A_session_signed_out_on_one_instance_is_refused_at_once_by_the_other()
    {
        using var first = new InstanceFactory();
        await first.SeededAsync();
        using var second = new InstanceFactory(first);
        var cookies = new CookieContainer();
        using var onFirst = first.ClientWith(cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Http.StaffEmail,
            ["Input.Password"] = Http.DemoPassword,
        })).StatusCode);
        var copy = cookies.GetCookies(new Uri("http://localhost")).Single(c => c.Name == "MilleLivres.Auth").Value;
        using var onSecond = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        onSecond.DefaultRequestHeaders.Add("Cookie", $"MilleLivres.Auth={copy}");
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/Staff/Towns")).StatusCode);

        // Signed out on the first instance: the second, which checks the stamp in the shared database, refuses the copy.
        var home = await onFirst.GetDocumentAsync("/Staff");
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SubmitFormAsync(home, new Dictionary<string, string>(), "form[action='/Account/Logout']")).StatusCode);
        var after = await onSecond.GetAsync("/Staff/Towns");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString);
    }

    private static async Task SignInOnOneAndWorkOnTheOtherAsync(InstanceFactory first, InstanceFactory second)
    {
        var cookies = new CookieContainer();
        using var onFirst = first.ClientWith(cookies);
        using var onSecond = second.ClientWith(cookies);

        // The sign-in form (its antiforgery cookie and token) comes from the first instance and is posted to the second.
        var login = await onFirst.GetDocumentAsync("/Account/Login");
        var signedIn = await onSecond.SubmitFormAsync(login, new Dictionary<string, string>
        {
            ["Input.Email"] = Http.StaffEmail,
            ["Input.Password"] = Http.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        // The sign-in cookie the second instance issued is accepted by the first.
        var home = await onFirst.GetDocumentAsync("/Staff");
        Assert.Contains("Se déconnecter", home.Text(), StringComparison.Ordinal);

        // A staff form rendered by the second instance is posted to the first: its token and the cookie are accepted.
        var import = await onSecond.GetDocumentAsync("/Staff/Stock/Import");
        var posted = await onFirst.SubmitFormAsync(import, new Dictionary<string, string> { ["Input.Publisher"] = "Bayard" }, "#import-form");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("Choisissez un fichier CSV.", (await Http.ParseAsync(posted)).FieldError("Input.File"));
    }

    [Fact]
    public async Task Key_files_written_by_an_earlier_version_are_taken_into_the_database_and_still_read()
    {
        using var factory = new InstanceFactory();
        var legacy = Directory.CreateDirectory(Path.Combine(factory.DataDirectory, KeyProtection.LegacyKeyFolderName));
        var before = DataProtectionProvider.Create(legacy, b => b.SetApplicationName("MilleLivres"))
            .CreateProtector("test").Protect("fait avant la mise à jour");

        var provider = factory.Services.GetRequiredService<IDataProtectionProvider>();

        Assert.Equal("fait avant la mise à jour", provider.CreateProtector("test").Unprotect(before));
        var stored = await factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        var files = legacy.GetFiles("*.xml").Select(f => Path.GetFileNameWithoutExtension(f.Name)).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, name => Assert.Contains(name, stored));
    }

    [Fact]
    public async Task Two_instances_share_the_public_forms_rate_limit()
    {
        using var first = new InstanceFactory();
        await first.SeededAsync();
        using var second = new InstanceFactory(first);
        using var onFirst = first.CreateBrowserLikeClient();
        using var onSecond = second.CreateBrowserLikeClient();
        var invalid = ApplyForm.Valid(overrides: new Dictionary<string, string> { ["Input.ApplicantEmail"] = "x" });

        Assert.Equal(HttpStatusCode.OK, (await onFirst.SubmitFormAsync(ApplyForm.Url, invalid)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.SubmitFormAsync(ApplyForm.Url, invalid)).StatusCode);

        // The limit (2) is spent across both instances: a third submission is refused on either.
        var refused = await onFirst.SubmitFormAsync(ApplyForm.Url, invalid);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Trop de demandes", (await Http.ParseAsync(refused)).Text());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when the window ends");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onSecond.SubmitFormAsync(ApplyForm.Url, invalid)).StatusCode);

        // One counter row, holding a hash and not the address; the clean-up job deletes it once its window is over.
        var row = await first.WithDbAsync(db => db.RateLimitWindows.AsNoTracking().SingleAsync());
        Assert.Equal(SharedRateLimit.HashOf(ApplicationRateLimit.Policy, ApplicationRateLimit.UnknownClient), row.ClientHash);
        Assert.Equal(InstanceFactory.Limit, row.Count);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RateLimitCleanupJob>().RunAsync(CancellationToken.None));
        }
        first.Clock.Advance(TimeSpan.FromMinutes(61));
        await using (var scope = first.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RateLimitCleanupJob>().RunAsync(CancellationToken.None));
        }
        // A new window: the first instance lets the next submission through.
        Assert.Equal(HttpStatusCode.OK, (await onFirst.SubmitFormAsync(ApplyForm.Url, invalid)).StatusCode);
    }

    [Fact]
    public async Task Forwarded_for_is_used_from_a_known_proxy_and_ignored_from_any_other_peer()
    {
        using var app = new InstanceFactory(settings: new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.10",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16",
        });
        await app.SeededAsync();
        var invalid = ApplyForm.Valid(overrides: new Dictionary<string, string> { ["Input.ApplicantEmail"] = "x" });
        HttpClient From(string peer, string forwardedFor)
        {
            var client = app.CreateBrowserLikeClient();
            client.DefaultRequestHeaders.Add(InstanceFactory.PeerHeader, peer);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            return client;
        }
        async Task<HttpStatusCode> PostAsync(HttpClient client) => (await client.SubmitFormAsync(ApplyForm.Url, invalid)).StatusCode;

        // An unknown peer cannot choose its address by sending X-Forwarded-For: all three posts count for the peer.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(From("198.51.100.7", "203.0.113.1")));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(From("198.51.100.7", "203.0.113.2")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(From("198.51.100.7", "203.0.113.3")));

        // Behind the known proxy, each visitor has a limit of its own: the forwarded address is the client's.
        using var visitor = From("192.0.2.10", "203.0.113.50");
        Assert.Equal(HttpStatusCode.OK, await PostAsync(visitor));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(visitor));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(visitor));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(From("192.0.2.10", "203.0.113.51")));
        // A proxy in a known network is trusted too.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(From("10.20.3.4", "203.0.113.52")));

        var hashes = await app.WithDbAsync(db => db.RateLimitWindows.Select(w => w.ClientHash).ToListAsync());
        string[] expected = ["198.51.100.7", "203.0.113.50", "203.0.113.51", "203.0.113.52"];
        Assert.Equal(expected.Select(a => SharedRateLimit.HashOf(ApplicationRateLimit.Policy, a)).Order(), hashes.Order());
    }

    [Fact]
    public async Task An_import_previewed_on_one_instance_is_committed_on_the_other()
    {
        using var first = new InstanceFactory();
        await first.SeededAsync();
        using var second = new InstanceFactory(first);
        var cookies = new CookieContainer();
        using var onFirst = first.ClientWith(cookies);
        using var onSecond = second.ClientWith(cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Http.StaffEmail,
            ["Input.Password"] = Http.DemoPassword,
        })).StatusCode);
        var isbn = TestIsbns.Next();
        var csv = "ISBN;Titre;Auteur(s);Éditeur;Âge min;Âge max;Tranche;Genre;Quantité\r\n"
            + $"{isbn};Partagé entre deux instances;Anne Onyme;Bayard Jeunesse;6;10;;roman;7\r\n";

        var page = await onFirst.GetDocumentAsync("/Staff/Stock/Import");
        var upload = new MultipartFormDataContent
        {
            { new StringContent(Http.AntiforgeryToken(page, "#import-form")), "__RequestVerificationToken" },
            { new StringContent("Bayard Jeunesse"), "Input.Publisher" },
            { new StringContent("2020-04-27"), "Input.ReceivedOn" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        upload.Add(file, "Input.File", "dons.csv");
        var previewed = await onFirst.PostAsync("/Staff/Stock/Import?handler=Preview", upload);
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await Http.ParseAsync(previewed);
        // Kept in the database, not in the first instance's data folder.
        Assert.Equal(1, await first.WithDbAsync(db => db.ImportPreviewFiles.CountAsync()));
        Assert.False(Directory.Exists(Path.Combine(first.DataDirectory, "imports")));

        var committed = await onSecond.SubmitFormAsync(preview, new Dictionary<string, string>(), "#commit-form");

        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        Assert.Equal(7, await second.WithDbAsync(db => db.Titles.Where(t => t.Isbn == isbn).Select(t => t.OnHand).SingleAsync()));
        Assert.Equal(0, await second.WithDbAsync(db => db.ImportPreviewFiles.CountAsync()));
    }
}
