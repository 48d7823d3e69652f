using System.Net;
using System.Text.RegularExpressions;
using MilleLivres.Core.Applications;
using MilleLivres.Tests.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Mail;

/// <summary>The applicant's and the coordinator's mails, through a real SMTP server: the links they carry work.</summary>
public partial class ApplicationMailTests(MailApp app) : IClassFixture<MailApp>
{
    [GeneratedRegex(@"https://millelivres\.example\.org(/[^\s""<]+)")]
    private static partial Regex Link();

    private static string PathOf(string? text, string prefix) =>
        Link().Matches(text ?? string.Empty).Select(m => m.Groups[1].Value).First(p => p.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task The_applicant_gets_a_working_status_link_then_the_decision_and_the_coordinator_a_working_invitation()
    {
        var applicant = app.Factory.CreateBrowserLikeClient();
        var fields = ApplyForm.Valid("Amiens", "80021", new Dictionary<string, string> { ["Input.ApplicantEmail"] = "claire.martin@amiens.example.fr" });
        await ApplyForm.SubmitAsync(applicant, fields);

        var statusMail = await app.Smtp.WaitForAsync(m => m.Subject == "Votre candidature pour Amiens — lien de suivi");
        Assert.Equal("claire.martin@amiens.example.fr", Assert.Single(statusMail.To.Mailboxes).Address);
        Assert.Contains("Bonjour Claire Martin,", statusMail.TextBody);
        Assert.NotNull(statusMail.HtmlBody);
        var statusPath = PathOf(statusMail.TextBody, "/Apply/Status/");
        var status = await app.Factory.CreateBrowserLikeClient().GetDocumentAsync(statusPath);
        Assert.Contains("Amiens", status.Text());
        var row = await MailRows.WaitAsync(app.Factory, m => m.Kind == OutboxEmailKind.ApplicationStatusLink && m.Recipient == "claire.martin@amiens.example.fr", m => m.Status == OutboxEmailStatus.Sent);
        // The stored preview does not hold the private link.
        Assert.DoesNotContain(statusPath, row.TextBody);
        Assert.Contains("[lien personnel", row.TextBody);

        var id = await app.Factory.WithDbAsync(db => db.TownApplications.Where(a => a.InseeCode == "80021").Select(a => a.Id).SingleAsync());
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var decided = await staff.SubmitFormAsync($"/Staff/Applications/Details/{id}", new Dictionary<string, string>
        {
            ["Input.Decision"] = "accept",
            ["Input.Reason"] = "Projet solide avec la médiathèque.",
        }, "#decision-form");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        var decision = await app.Smtp.WaitForAsync(m => m.Subject == "Votre candidature pour Amiens : retenue");
        Assert.Contains("la candidature de Amiens est retenue. La ville entre dans la vague", decision.TextBody);
        Assert.Contains("Motif : Projet solide avec la médiathèque.", decision.TextBody);

        var invitation = await app.Smtp.WaitForAsync(m => m.Subject == "Invitation : suivez la livraison des livres pour Amiens");
        Assert.Equal("coordination.80021@ville.example.fr", Assert.Single(invitation.To.Mailboxes).Address);
        var invitationPath = PathOf(invitation.TextBody, "/Account/Invitation/");
        var coordinator = app.Factory.CreateBrowserLikeClient();
        var response = await coordinator.SubmitFormAsync(invitationPath, new Dictionary<string, string>
        {
            ["Input.Password"] = "une phrase de passe pour Amiens",
            ["Input.ConfirmPassword"] = "une phrase de passe pour Amiens",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Amiens", (await coordinator.GetDocumentAsync("/Coordinator")).Text());
    }

    [Fact]
    public async Task Staff_send_a_new_invitation_link_by_mail_and_only_the_new_link_works()
    {
        await ApplyForm.SubmitAsync(app.Factory.CreateBrowserLikeClient(), ApplyForm.Valid("Arras", "62041",
            new Dictionary<string, string> { ["Input.ApplicantEmail"] = "mairie@arras.example.fr" }));
        var id = await app.Factory.WithDbAsync(db => db.TownApplications.Where(a => a.InseeCode == "62041").Select(a => a.Id).SingleAsync());
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var accepted = await staff.SubmitFormAsync($"/Staff/Applications/Details/{id}",
            new Dictionary<string, string> { ["Input.Decision"] = "accept", ["Input.Reason"] = "Retenue." }, "#decision-form");
        Assert.True(accepted.StatusCode == HttpStatusCode.Redirect, (await Http.ParseAsync(accepted)).QuerySelector(".alert-danger, .text-danger")?.TextContent);
        var first = await app.Smtp.WaitForAsync(m => m.Subject == "Invitation : suivez la livraison des livres pour Arras");
        var firstPath = PathOf(first.TextBody, "/Account/Invitation/");

        var page = await staff.GetDocumentAsync($"/Staff/Applications/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(page, new Dictionary<string, string>(), "form#renew-invitation")).StatusCode);
        var renewal = await app.Smtp.WaitForAsync(m => m.Subject == "Nouveau lien d'invitation pour Arras");
        Assert.Equal("coordination.62041@ville.example.fr", Assert.Single(renewal.To.Mailboxes).Address);
        var newPath = PathOf(renewal.TextBody, "/Account/Invitation/");
        Assert.NotEqual(firstPath, newPath);
        var visitor = app.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(firstPath)).StatusCode);
        Assert.Contains("Arras", (await visitor.GetDocumentAsync(newPath)).Text());
    }
}
