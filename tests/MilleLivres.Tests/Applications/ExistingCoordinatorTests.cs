using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Applications;

/// <summary>Its own app: the invitation changes the Lens coordinator's password.</summary>
public class ExistingCoordinatorTests(ApplicationsApp app) : IClassFixture<ApplicationsApp>
{
    [Fact]
    public async Task Invitation_for_an_existing_coordinator_adds_the_town_to_their_account()
    {
        var statusUrl = await ApplyForm.SubmitAsync(app.Factory.CreateBrowserLikeClient(),
            ApplyForm.Valid("Liévin", "62510", new Dictionary<string, string> { ["Input.CoordinatorEmail"] = Http.LensEmail }));
        var hash = SecretToken.Hash(statusUrl.Split('/').Last());
        var id = await app.Factory.WithDbAsync(db => db.ApplicationStatusLinks.Where(l => l.TokenHash == hash).Select(l => l.TownApplicationId).SingleAsync());
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await staff.SubmitFormAsync($"/Staff/Applications/Details/{id}", new Dictionary<string, string>
        {
            ["Input.Decision"] = "accept",
            ["Input.Reason"] = "Même équipe qu'à Lens.",
        }, "#decision-form");
        // The link comes by mail (written as an .eml file when no SMTP server is set, the default).
        var invitationUrl = await Mail.EmlFiles.LinkAsync(app.Factory, Http.LensEmail, "/Account/Invitation/");

        var coordinator = app.Factory.CreateBrowserLikeClient();
        var mismatch = await coordinator.SubmitFormAsync(invitationUrl, new Dictionary<string, string>
        {
            ["Input.Password"] = "nouvelle phrase de passe pour Liévin",
            ["Input.ConfirmPassword"] = "autre chose entièrement",
        });
        Assert.Equal("Les deux mots de passe ne sont pas identiques.", (await Http.ParseAsync(mismatch)).FieldError("Input.ConfirmPassword"));

        var response = await coordinator.SubmitFormAsync(invitationUrl, new Dictionary<string, string>
        {
            ["Input.Password"] = "nouvelle phrase de passe pour Liévin",
            ["Input.ConfirmPassword"] = "nouvelle phrase de passe pour Liévin",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = (await coordinator.GetDocumentAsync("/Coordinator")).Text();
        Assert.Contains("Liévin", home);
        Assert.Contains("Lens", home);
        Assert.Equal(1, await app.Factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == Http.LensEmail)));
        await app.Factory.SignedInClientAsync(Http.LensEmail, "nouvelle phrase de passe pour Liévin");
    }
}
