using System.Collections.Concurrent;
using System.Net;
using MilleLivres.Core.Accounts;
using MilleLivres.Core.Domain;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Web.Pages.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Web;

/// <summary>The real password hasher, counting how many times it checked a password, per account (decoys apart).</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();

    public ConcurrentDictionary<string, int> Verifications { get; } = new();

    public int Total => Verifications.Values.Sum();

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Verifications.AddOrUpdate(user.Id, 1, (_, n) => n + 1);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>The app with a counting password hasher of its own (one per host: nothing static).</summary>
public sealed class SignInApp : IAsyncLifetime
{
    public CountingPasswordHasher Hasher { get; } = new();

    public AppFactory Factory { get; }

    public SignInApp() => Factory = new HasherFactory(Hasher);

    public Task InitializeAsync() => Factory.SeededAsync();

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh staff account of its own for one test, so tests do not lock each other's accounts.</summary>
    public async Task<(string Email, string UserId)> NewAccountAsync(string password = Http.DemoPassword)
    {
        var email = $"compte-{Guid.NewGuid():N}@biblionef.demo";
        await using var scope = Factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, Roles.Staff, [], password);
        return (email, created.UserId);
    }

    private sealed class HasherFactory(CountingPasswordHasher hasher) : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        }
    }
}

public class SignInHardeningTests(SignInApp app) : IClassFixture<SignInApp>
{
    private static Dictionary<string, string> Credentials(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    private async Task<string> FailureTextAsync(string email, string password)
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var response = await client.SubmitFormAsync("/Account/Login", Credentials(email, password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Http.ParseAsync(response);
        // The summary's heading ("Il y a une erreur à corriger") comes first; the message itself is its list item.
        return page.QuerySelector(".validation-summary-errors li, [data-valmsg-summary] li")!.TextContent.Trim();
    }

    [Fact]
    public async Task Unknown_address_wrong_password_and_locked_account_all_get_the_same_message()
    {
        var (locked, _) = await app.NewAccountAsync();
        var (other, _) = await app.NewAccountAsync();
        for (var i = 0; i < 5; i++)
        {
            await FailureTextAsync(locked, "mauvais mot de passe");
        }

        var lockedWithRightPassword = await FailureTextAsync(locked, Http.DemoPassword);
        var unknown = await FailureTextAsync("personne-inconnue@biblionef.demo", "mauvais mot de passe");
        var wrongPassword = await FailureTextAsync(other, "mauvais mot de passe");

        Assert.Equal(LoginModel.FailureMessage, lockedWithRightPassword);
        Assert.Equal(lockedWithRightPassword, unknown);
        Assert.Equal(unknown, wrongPassword);
        Assert.DoesNotContain("Ce compte est verrouillé", lockedWithRightPassword);
    }

    [Fact]
    public async Task An_unknown_address_costs_one_password_hash_like_a_known_one()
    {
        var (known, knownId) = await app.NewAccountAsync();
        var before = app.Hasher.Total;
        await FailureTextAsync("absent-" + Guid.NewGuid().ToString("N") + "@biblionef.demo", "mauvais mot de passe");
        Assert.Equal(1, app.Hasher.Total - before);

        before = app.Hasher.Total;
        await FailureTextAsync(known, "mauvais mot de passe");
        Assert.Equal(1, app.Hasher.Total - before);
        Assert.Equal(1, app.Hasher.Verifications[knownId]);
    }

    [Fact]
    public async Task Twenty_parallel_wrong_passwords_get_no_more_evaluations_than_the_lockout_threshold()
    {
        var (email, userId) = await app.NewAccountAsync();
        // Each attempt from its own client with its own form token, all posted at once.
        var clients = Enumerable.Range(0, 20).Select(_ => app.Factory.CreateBrowserLikeClient()).ToList();
        var forms = await Task.WhenAll(clients.Select(c => c.GetDocumentAsync("/Account/Login")));
        var responses = await Task.WhenAll(clients.Select((c, i) => c.SubmitFormAsync(forms[i], Credentials(email, $"mauvais mot de passe {i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(app.Hasher.Verifications.GetValueOrDefault(userId) <= 5,
            $"{app.Hasher.Verifications.GetValueOrDefault(userId)} passwords evaluated for 5 allowed failures");
        var user = await app.Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow, "the account is locked");
        // Locked: even the right password is refused, without being evaluated.
        var evaluated = app.Hasher.Verifications[userId];
        Assert.Equal(LoginModel.FailureMessage, await FailureTextAsync(email, Http.DemoPassword));
        Assert.Equal(evaluated, app.Hasher.Verifications[userId]);
    }

    [Fact]
    public async Task A_right_password_after_a_few_failures_signs_in_and_clears_the_count()
    {
        var (email, userId) = await app.NewAccountAsync();
        for (var i = 0; i < 3; i++)
        {
            await FailureTextAsync(email, "mauvais mot de passe");
        }
        Assert.Equal(3, await app.Factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.AccessFailedCount).SingleAsync()));
        await app.Factory.SignedInClientAsync(email);
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_opens_staff_pages()
    {
        var (email, _) = await app.NewAccountAsync();
        var jar = new System.Net.CookieContainer();
        var browser = app.Factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
        var signIn = await browser.SubmitFormAsync("/Account/Login", Credentials(email, Http.DemoPassword));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var stolen = jar.GetCookies(new Uri("http://localhost")).Single(c => c.Name == "MilleLivres.Auth").Value;

        // The thief's copy works while the session is open.
        var thief = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", $"MilleLivres.Auth={stolen}");
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Staff/Towns")).StatusCode);

        var home = await browser.GetDocumentAsync("/Staff");
        var logout = await browser.SubmitFormAsync(home, new Dictionary<string, string>(), "form[action='/Account/Logout']");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var after = await thief.GetAsync("/Staff/Towns");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_signed_in_page_keeps_the_sign_in_cookie_as_it_is_and_an_erased_account_loses_it_at_once()
    {
        var (email, _) = await app.NewAccountAsync();
        var jar = new System.Net.CookieContainer();
        var browser = app.Factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/Account/Login", Credentials(email, Http.DemoPassword))).StatusCode);
        var cookie = jar.GetCookies(new Uri("http://localhost")).Single(c => c.Name == "MilleLivres.Auth").Value;
        var raw = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        raw.DefaultRequestHeaders.Add("Cookie", $"MilleLivres.Auth={cookie}");

        // The stamp is checked, the cookie is not re-issued (ADR 0528): no Set-Cookie for the sign-in cookie.
        var page = await raw.GetAsync("/Staff/Towns");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var setCookies = page.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.DoesNotContain(setCookies, c => c.StartsWith("MilleLivres.Auth=", StringComparison.Ordinal));

        // Erasure gives the account a new stamp: the same cookie is refused on the next request.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MilleLivres.Core.PersonalData.PersonalDataRequests>()
                .EraseAsync(email, "demande reçue le 28 novembre 2026");
        }
        var after = await raw.GetAsync("/Staff/Towns");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString);
    }
}
