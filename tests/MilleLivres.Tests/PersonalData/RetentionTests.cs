using System.Net;
using Hangfire;
using Hangfire.Storage;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Domain;
using MilleLivres.Core.PersonalData;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.PersonalData;

/// <summary>The retention periods, with a fake clock moved across each of them.</summary>
public sealed class RetentionTests
{
    private const string AcceptedApplicant = "helene.retenue@ville.example.fr";
    private const string AcceptedCoordinator = "remi.retenu@ville.example.fr";
    private const string DeclinedApplicant = "denise.refusee@ville.example.fr";
    private const string WaitlistedApplicant = "wanda.attente@ville.example.fr";

    private static async Task<bool> SignsInAsync(AppFactory factory, string email, string password)
    {
        var response = await factory.CreateBrowserLikeClient().SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    [Fact]
    public async Task Each_kind_of_data_is_anonymised_once_its_period_has_passed_never_before_and_the_figures_stay()
    {
        using var factory = new PrivacyFactory();
        await factory.SeededAsync();
        var t0 = factory.Clock.GetUtcNow();

        // Before anything: the demo's wave 1 (Lens) was delivered in April 2020 and is closed, so its coordinator account is
        // due; wave 2 (Boulogne) has no delivery date, so nothing tells when its retention starts.
        var dueAtStart = await factory.WithScopeAsync(sp => sp.GetRequiredService<RetentionService>().DueAsync(t0.UtcDateTime));
        Assert.Contains(dueAtStart, d => d.Subject == RetentionSubject.Account && d.Label == "Compte de coordination de Lens");
        Assert.DoesNotContain(dueAtStart, d => d.Label.Contains("Boulogne", StringComparison.Ordinal));

        var accepted = await PrivacyFlows.ApplyAsync(factory, "Saint-Denis", "93066", new Dictionary<string, string>
        {
            ["Input.ApplicantName"] = "Hélène Retenue",
            ["Input.ApplicantEmail"] = AcceptedApplicant,
            ["Input.CoordinatorName"] = "Rémi Retenu",
            ["Input.CoordinatorEmail"] = AcceptedCoordinator,
        });
        var declined = await PrivacyFlows.ApplyAsync(factory, "Aubervilliers", "93001", new Dictionary<string, string>
        {
            ["Input.ApplicantName"] = "Denise Refusée",
            ["Input.ApplicantEmail"] = DeclinedApplicant,
            ["Input.CoordinatorName"] = "Damien Refusé",
            ["Input.CoordinatorEmail"] = "damien.refuse@ville.example.fr",
        });
        var waitlisted = await PrivacyFlows.ApplyAsync(factory, "Pantin", "93055", new Dictionary<string, string>
        {
            ["Input.ApplicantName"] = "Wanda Attente",
            ["Input.ApplicantEmail"] = WaitlistedApplicant,
        });
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var invitation = await PrivacyFlows.AcceptAsync(factory, staff, accepted);
        await PrivacyFlows.CreateAccountAsync(factory, invitation, "une phrase de passe assez longue");
        Assert.Equal(HttpStatusCode.Redirect, (await PrivacyFlows.DecideAsync(staff, declined, "decline", "Hors critères.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PrivacyFlows.DecideAsync(staff, waitlisted, "waitlist", "À revoir.")).StatusCode);

        // Wave 3 delivers today and closes; every mail is sent today.
        await factory.WithDbAsync(async db =>
        {
            var wave = await db.Waves.SingleAsync(w => w.Number == 3);
            wave.Update(wave.Number, wave.Name, null, DateOnly.FromDateTime(t0.UtcDateTime), null);
            wave.RestoreHistoricalStatus(WaveStatus.Closed);
            foreach (var mail in await db.OutboxEmails.ToListAsync())
            {
                mail.MarkSent(t0.UtcDateTime);
            }
            await db.SaveChangesAsync();
        });
        var mailCount = await factory.WithDbAsync(db => db.OutboxEmails.CountAsync());
        Assert.True(mailCount >= 5);

        // The page shows what the next run will do.
        var page = await staff.GetDocumentAsync("/Staff/PersonalData");
        Assert.Contains("Compte de coordination de Lens", page.QuerySelector("#due")!.TextContent);
        Assert.DoesNotContain("Saint-Denis", page.QuerySelector("#due")!.TextContent);
        Assert.Contains("Prochaine anonymisation", page.QuerySelector("#next-run")!.TextContent);
        // The test hosts do not schedule the daily run: the page says so, and lists what is due now.
        Assert.NotNull(page.QuerySelector("#not-scheduled"));

        var figures = await PrivacyFlows.FiguresAsync(factory);

        // Today: the demo's Lens account, and the contacts of the demo's wave 1 towns (delivered in 2020, closed, past the
        // two years; every demo town has contacts so that a newcomer can run the whole operation).
        var wave1Towns = await factory.WithDbAsync(db => db.WaveTowns.CountAsync(wt => wt.Wave.Number == 1));
        Assert.Equal(10, wave1Towns);
        var first = await factory.RunRetentionAsync();
        Assert.Equal((0, wave1Towns, 1, 0, 0), (first.Applications, first.TownContacts, first.Accounts, first.Invitations, first.Mails));
        Assert.False(await SignsInAsync(factory, Http.LensEmail, Http.DemoPassword));
        Assert.True(await SignsInAsync(factory, Http.BoulogneEmail, Http.DemoPassword));
        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, Http.LensEmail));

        // A day before a year: nothing more.
        factory.SetNow(t0.AddMonths(12).AddDays(-1));
        var early = await factory.RunRetentionAsync();
        Assert.Equal(0, early.Total);
        Assert.NotEmpty(await PrivacyFlows.WhereTextAppearsAsync(factory, DeclinedApplicant));

        // A year after: the refusal and the sent mails' addresses.
        factory.SetNow(t0.AddMonths(12).AddDays(1));
        var year = await factory.RunRetentionAsync();
        Assert.Equal((1, 0, 0, 0, mailCount), (year.Applications, year.TownContacts, year.Accounts, year.Invitations, year.Mails));
        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, DeclinedApplicant));
        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, "Denise Refusée"));
        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, "damien.refuse@"));
        Assert.Equal(mailCount, await factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m => m.Status == OutboxEmailStatus.Sent && m.SentAtUtc != null && m.Recipient == Anonymised.Text)));
        // The accepted application and its town are kept for two years after the delivery.
        Assert.NotEmpty(await PrivacyFlows.WhereTextAppearsAsync(factory, AcceptedApplicant));
        Assert.True(await SignsInAsync(factory, AcceptedCoordinator, "une phrase de passe assez longue"));

        factory.SetNow(t0.AddMonths(24).AddDays(-1));
        Assert.Equal(0, (await factory.RunRetentionAsync()).Total);
        Assert.NotEmpty(await PrivacyFlows.WhereTextAppearsAsync(factory, AcceptedCoordinator));

        // Two years after the delivery: the accepted application, the town's contacts, its invitation and its coordinator's account.
        factory.SetNow(t0.AddMonths(24).AddDays(1));
        var twoYears = await factory.RunRetentionAsync();
        Assert.Equal((1, 1, 1, 1, 0), (twoYears.Applications, twoYears.TownContacts, twoYears.Accounts, twoYears.Invitations, twoYears.Mails));
        Assert.True(twoYears.AuditEntries > 0);
        foreach (var gone in new[] { AcceptedApplicant, AcceptedCoordinator, "Hélène Retenue", "Rémi Retenu" })
        {
            Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, gone));
        }
        Assert.False(await SignsInAsync(factory, AcceptedCoordinator, "une phrase de passe assez longue"));
        await factory.WithDbAsync(async db =>
        {
            var application = await db.TownApplications.SingleAsync(a => a.Id == accepted);
            Assert.Equal(Anonymised.Name, application.Applicant.Name);
            Assert.Null(application.Applicant.Email);
            Assert.Equal(ApplicationStatus.Accepted, application.Status);
            var town = await db.Towns.SingleAsync(t => t.InseeCode == "93066");
            Assert.True(town.CoordinatorContact.IsEmpty);
            Assert.Equal("Médiathèque Louis Aragon", town.DeliveryAddress.Structure);
            // Audit rows stay (who did what), with the personal values redacted.
            var trail = await db.AuditEntries.Where(a => a.EntityType == nameof(TownApplication) && a.EntityId == accepted.ToString()).ToListAsync();
            Assert.True(trail.Count >= 2);
            Assert.Contains(trail, a => a.Changes.Contains(Anonymised.Text, StringComparison.Ordinal));
            Assert.Equal(5, await db.Set<AnonymisationRecord>().CountAsync(r => r.Kind == AnonymisationKind.Retention));
        });

        // The waitlisted application is not covered by either period: it stays.
        Assert.NotEmpty(await PrivacyFlows.WhereTextAppearsAsync(factory, WaitlistedApplicant));
        Assert.Equal(figures, await PrivacyFlows.FiguresAsync(factory));

        // Running again finds nothing more.
        Assert.Equal(0, (await factory.RunRetentionAsync()).Total);
    }

    [Fact]
    public async Task The_daily_run_is_a_recurring_job_at_the_configured_hour()
    {
        using var factory = new PrivacyFactory(new Dictionary<string, string?>
        {
            ["PersonalData:RunDaily"] = "true",
            ["PersonalData:DailyRunHourUtc"] = "4",
        });
        await factory.SeededAsync();
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == RecurringJobsRegistration.RetentionJobId);
        Assert.Equal("0 4 * * *", job.Cron);
        Assert.Equal(typeof(RetentionJob), job.Job.Type);
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var page = await staff.GetDocumentAsync("/Staff/PersonalData");
        Assert.Null(page.QuerySelector("#not-scheduled"));
        Assert.Matches(@"à \d{2}h\d{2}", page.QuerySelector("#next-run-title")!.TextContent);
    }

    [Fact]
    public async Task Staff_can_run_it_now_from_the_page_and_the_run_is_listed_with_its_counts()
    {
        using var factory = new PrivacyFactory();
        await factory.SeededAsync();
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var response = await staff.SubmitFormAsync("/Staff/PersonalData", new Dictionary<string, string>(), "#next-run form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await staff.GetDocumentAsync("/Staff/PersonalData");
        Assert.Contains("1 compte(s)", page.QuerySelector("#message")!.TextContent);
        Assert.Contains("durée de conservation", page.QuerySelector("#runs")!.TextContent);
        Assert.Null(page.QuerySelector("#due"));
    }

    [Theory]
    [InlineData("{\"Applicant.Email\":[null,\"a@b.fr\"],\"Status\":[\"Submitted\",\"Accepted\"]}", "{\"Applicant.Email\":[null,\"[anonymisé]\"],\"Status\":[\"Submitted\",\"Accepted\"]}")]
    [InlineData("{\"Plan\":\"Lecture avec Mme Dupont\",\"TownName\":\"Pantin\"}", "{\"Plan\":\"[anonymisé]\",\"TownName\":\"Pantin\"}")]
    [InlineData("{\"TownName\":\"Pantin\"}", "{\"TownName\":\"Pantin\"}")]
    public void Audit_redaction_replaces_only_personal_fields(string before, string after)
    {
        Assert.Equal(after, Anonymiser.Redact(before, ["Applicant.", "Plan"]));
    }
}
