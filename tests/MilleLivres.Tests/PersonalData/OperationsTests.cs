using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Options;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Web.Cli;
using MilleLivres.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MilleLivres.Tests.PersonalData;

/// <summary>Running the app for years: backups and restore, health, logs, key protection.</summary>
public sealed class OperationsTests
{
    private static async Task<(int Exit, string Out, string Err)> RunVerbAsync(string dataDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, null, output, error,
            c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = dataDirectory }));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_backup_job_keeps_the_newest_copies_and_a_restore_into_an_empty_folder_brings_back_a_working_app()
    {
        var backups = Path.Combine(Path.GetTempPath(), "millelivres-tests", Guid.NewGuid().ToString("N"));
        var restored = Path.Combine(Path.GetTempPath(), "millelivres-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var factory = new PrivacyFactory(new Dictionary<string, string?> { ["Backups:Folder"] = backups, ["Backups:Keep"] = "2" }))
            {
                await factory.SeededAsync();
                using (var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection())
                {
                    Assert.Contains(connection.GetRecurringJobs(), j => j.Id == RecurringJobsRegistration.BackupJobId && j.Cron == "0 2 * * *");
                }
                var written = new List<string>();
                for (var i = 0; i < 3; i++)
                {
                    written.Add(await factory.WithScopeAsync(sp => sp.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None)));
                    factory.Clock.Advance(TimeSpan.FromMinutes(1));
                }
                Assert.Equal(written.Skip(1).Order(StringComparer.Ordinal), Directory.GetFiles(backups).Order(StringComparer.Ordinal));

                // Never over the live database.
                var overLive = await RunVerbAsync(factory.DataDirectory, "restore", "--from", written[^1]);
                Assert.Equal(1, overLive.Exit);
                Assert.Contains("Une base existe déjà", overLive.Err);
            }

            var restore = await RunVerbAsync(restored, "restore", "--from", Directory.GetFiles(backups).Max(StringComparer.Ordinal)!);
            Assert.True(restore.Exit == 0, restore.Err);
            Assert.Contains("Sauvegarde restaurée", restore.Out);
            var again = await RunVerbAsync(restored, "restore", "--from", Directory.GetFiles(backups).Max(StringComparer.Ordinal)!);
            Assert.Equal(1, again.Exit);

            var notABackup = Path.Combine(backups, "pas-une-sauvegarde.db");
            await File.WriteAllTextAsync(notABackup, "bonjour");
            var bad = await RunVerbAsync(Path.Combine(restored, "autre"), "restore", "--from", notABackup);
            Assert.Equal(1, bad.Exit);

            // The restored folder runs the app: staff sign in and see the demo towns.
            using var back = new PrivacyFactory(new Dictionary<string, string?> { ["Database:DataDirectory"] = restored });
            var staff = await back.SignedInClientAsync(Http.StaffEmail);
            Assert.Contains("Boulogne-sur-Mer", (await staff.GetDocumentAsync("/Staff/Towns")).Text());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var folder in new[] { backups, restored })
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (DirectoryNotFoundException)
                {
                }
            }
        }
    }

    [Fact]
    public void Rotation_deletes_only_the_oldest_backups_of_this_app()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "millelivres-tests", Guid.NewGuid().ToString("N")));
        try
        {
            foreach (var name in new[] { "millelivres-20260101-020000.db", "millelivres-20260102-020000.db", "millelivres-20260103-020000.db", "autre-fichier.db" })
            {
                File.WriteAllText(Path.Combine(folder.FullName, name), "x");
            }
            Assert.Equal(2, BackupJob.Rotate(folder, 1));
            Assert.Equal(["autre-fichier.db", "millelivres-20260103-020000.db"], folder.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Health_is_cheap_and_ready_checks_the_database_the_disk_and_the_queues()
    {
        using var factory = new PrivacyFactory();
        await factory.SeededAsync();
        var client = factory.CreateClient();
        var live = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using (var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
            Assert.Equal(["base de données", "espace disque", "files d'attente"],
                json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        }

        // A mail waiting for two hours and a work row waiting as long: not ready, and it says why (no address in it).
        await factory.WithDbAsync(async db =>
        {
            var then = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-2);
            db.OutboxEmails.Add(new OutboxEmail(OutboxEmailKind.ApplicationDecision, "attente@ville.example.fr", then));
            db.WorkItems.Add(new WorkItem("inconnu", "test:attente", "test", "{}", then));
            await db.SaveChangesAsync();
        });
        var stuck = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stuck.StatusCode);
        var body = await stuck.Content.ReadAsStringAsync();
        Assert.Contains("un courriel attend depuis 120 min", body);
        Assert.Contains("un travail attend depuis 120 min", body);
        Assert.DoesNotContain("attente@", body);
        Assert.Equal("Healthy", await (await client.GetAsync("/health")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_fails_when_the_data_folder_has_less_free_space_than_required()
    {
        var check = new FreeDiskCheck(Options.Create(new DatabaseOptions { DataDirectory = Path.GetTempPath() }),
            Options.Create(new HealthOptions { MinFreeDiskMegabytes = long.MaxValue / (1024 * 1024) }));
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("Mo libres dans le dossier des données", result.Description);
    }

    [Fact]
    public async Task A_full_application_and_receipt_flow_logs_no_email_address_nor_name()
    {
        using var factory = new PrivacyFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        });
        await factory.SeededAsync();
        var id = await PrivacyFlows.ApplyAsync(factory, "Saint-Denis", "93066", new Dictionary<string, string>
        {
            ["Input.ApplicantName"] = "Louise Journal",
            ["Input.ApplicantEmail"] = "louise.journal@ville.example.fr",
            ["Input.CoordinatorName"] = "Marc Journal",
            ["Input.CoordinatorEmail"] = "marc.journal@ville.example.fr",
        });
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var invitation = await PrivacyFlows.AcceptAsync(factory, staff, id);
        await PrivacyFlows.CreateAccountAsync(factory, invitation, "une phrase de passe assez longue");
        var coordinator = await factory.SignedInClientAsync("marc.journal@ville.example.fr", "une phrase de passe assez longue");
        Assert.Contains("Saint-Denis", (await coordinator.GetDocumentAsync("/Coordinator")).Text());
        var lens = await factory.SignedInClientAsync(Http.LensEmail);
        await lens.GetDocumentAsync("/Coordinator");
        // Failed sign-ins up to the lockout, which is logged (by account id).
        for (var i = 0; i < 5; i++)
        {
            await factory.CreateBrowserLikeClient().SubmitFormAsync("/Account/Login", new Dictionary<string, string>
            {
                ["Input.Email"] = Http.BoulogneEmail,
                ["Input.Password"] = "pas le bon mot de passe",
            });
        }
        // The receipt flow: a delivery to Lens, packed and dispatched (the delivery notice is built and sent), one carton
        // confirmed by Lens's coordinator from its QR code's page.
        var wave = await Receipt.DispatchedWave.CreateAsync(factory, 36, new Dictionary<string, int> { ["Lens"] = 2 });
        var lensId = await Packing.AllocatedWave.TownIdAsync(factory, "Lens");
        var carton = (await wave.CartonsAsync(factory, lensId))[0];
        var confirmed = await lens.SubmitFormAsync($"/Coordinator/Receipt/{carton.Code}", new Dictionary<string, string>(), "form#confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await staff.SubmitFormAsync("/Staff/PersonalData", new Dictionary<string, string> { ["q"] = "louise.journal@ville.example.fr" }, "#search");
        await factory.RunRetentionAsync();

        var lines = factory.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("locked out", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Conservation :", StringComparison.Ordinal));
        foreach (var secret in new[] { Http.StaffEmail, Http.LensEmail, Http.BoulogneEmail, "louise.journal", "marc.journal", "Louise Journal", "Marc Journal", "@ville.example.fr" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Forwarded_https_from_the_loopback_proxy_marks_cookies_secure_and_known_proxies_come_from_settings()
    {
        using var factory = new PrivacyFactory(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.10" });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        async Task<string> AntiforgeryCookieAsync(string? forwardedProto)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
            if (forwardedProto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            }
            using var response = await client.SendAsync(request);
            return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MilleLivres.Antiforgery", StringComparison.Ordinal));
        }
        // The proxy on loopback says the client came over HTTPS: the cookies are marked secure.
        Assert.Contains("secure", await AntiforgeryCookieAsync("https"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await AntiforgeryCookieAsync(null), StringComparison.OrdinalIgnoreCase);
        var options = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;
        Assert.Contains(System.Net.IPAddress.Parse("192.0.2.10"), options.KnownProxies);
    }

    [Fact]
    public async Task Keys_are_encrypted_with_the_configured_certificate_and_production_warns_without_one()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "millelivres-tests", Guid.NewGuid().ToString("N")));
        try
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=MilleLivres test keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var path = Path.Combine(folder.FullName, "keys.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "secret du test"));

            using (var factory = new PrivacyFactory(new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = path,
                ["DataProtection:CertificatePassword"] = "secret du test",
            }))
            {
                await factory.SeededAsync();
                // Signing in needs the keys both ways: the form token, then the cookie.
                var staff = await factory.SignedInClientAsync(Http.StaffEmail);
                await staff.GetDocumentAsync("/Staff");
                // The keys are rows of the database (ADR 0920), encrypted at rest.
                var keys = await factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
                Assert.NotEmpty(keys);
                foreach (var xml in keys)
                {
                    Assert.Contains("EncryptedData", xml);
                    Assert.DoesNotContain("unencrypted", xml);
                }

                // Another instance on the same database reads (decrypts) the key instead of making a new one.
                using var second = new PrivacyFactory(new Dictionary<string, string?>
                {
                    ["Database:DataDirectory"] = factory.DataDirectory,
                    ["DataProtection:CertificatePath"] = path,
                    ["DataProtection:CertificatePassword"] = "secret du test",
                });
                await (await second.SignedInClientAsync(Http.StaffEmail)).GetDocumentAsync("/Staff");
                Assert.Equal(keys.Count, await factory.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
                Assert.DoesNotContain(second.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
                Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains("stockées en clair", StringComparison.Ordinal));
            }

            using var production = new PrivacyFactory(environment: "Production");
            _ = production.Services;
            Assert.Contains(production.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
            // Production logs are JSON lines on the console.
            var console = production.Services.GetRequiredService<IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().CurrentValue;
            Assert.Equal(Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json, console.FormatterName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
