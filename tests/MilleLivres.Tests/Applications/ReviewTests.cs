using System.Net;
using AngleSharp.Dom;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Domain;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Applications;

public class ReviewTests(ApplicationsApp app) : IClassFixture<ApplicationsApp>
{
    private static async Task<int> IdOfAsync(AppFactory factory, string statusUrl)
    {
        var hash = SecretToken.Hash(statusUrl.Split('/').Last());
        return await factory.WithDbAsync(db => db.ApplicationStatusLinks.Where(l => l.TokenHash == hash).Select(l => l.TownApplicationId).SingleAsync());
    }

    private async Task<(string StatusUrl, int Id)> ApplyAsync(string town, string insee, IDictionary<string, string>? overrides = null)
    {
        var statusUrl = await ApplyForm.SubmitAsync(app.Factory.CreateBrowserLikeClient(), ApplyForm.Valid(town, insee, overrides));
        return (statusUrl, await IdOfAsync(app.Factory, statusUrl));
    }

    private static Task<HttpResponseMessage> DecideAsync(HttpClient staff, int id, string decision, string reason, string? waveId = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Decision"] = decision, ["Input.Reason"] = reason };
        if (waveId is not null)
        {
            fields["Input.WaveId"] = waveId;
        }
        return staff.SubmitFormAsync($"/Staff/Applications/Details/{id}", fields, "#decision-form");
    }

    [Fact]
    public async Task Staff_accept_puts_the_town_in_the_next_planning_wave_and_the_coordinator_account_works_once()
    {
        var (statusUrl, id) = await ApplyAsync("Saint-Denis", "93066", new Dictionary<string, string>
        {
            ["Input.CoordinatorEmail"] = "coordination.saint-denis@ville.example.fr",
            ["Input.IsMember"] = "non",
        });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var details = await staff.GetDocumentAsync($"/Staff/Applications/Details/{id}");
        // The default wave is the next one still being planned: wave 3 in the demo data.
        Assert.Equal("Vague 3 — à préparer", details.QuerySelector("#Input_WaveId option[selected]")?.TextContent);

        var response = await DecideAsync(staff, id, "accept", "Dossier complet, partenaires solides.");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await staff.GetDocumentAsync($"/Staff/Applications/Details/{id}");
        Assert.Equal("retenue", after.QuerySelector("#status")!.TextContent);
        var invitationUrl = await Mail.EmlFiles.LinkAsync(app.Factory, "coordination.saint-denis@ville.example.fr", "/Account/Invitation/");

        await app.Factory.WithDbAsync(async db =>
        {
            var town = await db.Towns.Include(t => t.ExpectedChildren).SingleAsync(t => t.InseeCode == "93066");
            Assert.Equal("Saint-Denis", town.Name);
            Assert.Equal(TownStatus.Selected, town.Status);
            Assert.False(town.IsVilleBanlieueMember); // not on the membership list
            Assert.Equal("Médiathèque Louis Aragon", town.DeliveryAddress.Structure);
            Assert.Equal("80000", town.DeliveryAddress.Postcode);
            Assert.StartsWith("Ouvert du mardi", town.DeliveryAddress.AccessNotes);
            Assert.Equal("Karim Benali", town.CoordinatorContact.Name);
            Assert.Equal("coordination.saint-denis@ville.example.fr", town.CoordinatorContact.Email);
            Assert.Equal(new[] { 120, 300, 250, 0 }, town.ExpectedChildren.OrderBy(c => c.AgeBandId).Select(c => c.Children));
            var wave = await db.Waves.SingleAsync(w => w.Number == 3);
            Assert.True(await db.WaveTowns.AnyAsync(wt => wt.WaveId == wave.Id && wt.TownId == town.Id));
            var invitation = await db.CoordinatorInvitations.SingleAsync(i => i.TownId == town.Id);
            Assert.Equal(invitation.CreatedAtUtc.AddDays(7), invitation.ExpiresAtUtc);
            Assert.NotEqual(invitationUrl.Split('/').Last(), invitation.TokenHash);
            // Both mails were written with the decision (and the invitation was sent: its link is in hand).
            Assert.Equal(2, await db.OutboxEmails.CountAsync(m =>
                (m.TownApplicationId == id && m.Kind == OutboxEmailKind.ApplicationDecision || m.CoordinatorInvitationId == invitation.Id)));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(TownApplication) && e.EntityId == id.ToString() && e.Action == "Modified"));
        });

        // The applicant sees the decision.
        var status = await app.Factory.CreateBrowserLikeClient().GetDocumentAsync(statusUrl);
        Assert.Contains("vague 3", status.QuerySelector("#application-status")!.TextContent);

        // The coordinator chooses a password and lands on their town.
        var coordinator = app.Factory.CreateBrowserLikeClient();
        var tooShort = await coordinator.SubmitFormAsync(invitationUrl, new Dictionary<string, string>
        {
            ["Input.Password"] = "court",
            ["Input.ConfirmPassword"] = "court",
        });
        Assert.Equal("Le mot de passe doit contenir entre 12 et 128 caractères.", (await Http.ParseAsync(tooShort)).FieldError("Input.Password"));
        var accepted = await coordinator.SubmitFormAsync(invitationUrl, new Dictionary<string, string>
        {
            ["Input.Password"] = "une phrase de passe assez longue",
            ["Input.ConfirmPassword"] = "une phrase de passe assez longue",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/Coordinator", accepted.Headers.Location!.OriginalString);
        var home = await coordinator.GetDocumentAsync("/Coordinator");
        Assert.Contains("Saint-Denis", home.Text());
        Assert.Contains("Vague 3", home.Text());
        Assert.DoesNotContain("Lens", home.Text());

        // Single use: the link is spent, and the password chosen works for signing in.
        var second = await app.Factory.CreateBrowserLikeClient().GetAsync(invitationUrl);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("déjà servi", (await Http.ParseAsync(second)).Text());
        await app.Factory.SignedInClientAsync("coordination.saint-denis@ville.example.fr", "une phrase de passe assez longue");
    }

    [Fact]
    public async Task Invitation_expires_after_seven_days()
    {
        var (_, id) = await ApplyAsync("Aubervilliers", "93001", new Dictionary<string, string> { ["Input.CoordinatorEmail"] = "coordination.aubervilliers@ville.example.fr" });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await DecideAsync(staff, id, "accept", "Retenue.");
        var invitationUrl = await Mail.EmlFiles.LinkAsync(app.Factory, "coordination.aubervilliers@ville.example.fr", "/Account/Invitation/");

        var coordinator = app.Factory.CreateBrowserLikeClient();
        var form = await coordinator.GetDocumentAsync(invitationUrl);
        // FakeTimeProvider only moves forward: the class's other tests read every time from the same clock, so
        // they stay consistent after this jump (invitations and cookies are issued and checked on it).
        app.Factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var response = await coordinator.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.Password"] = "une phrase de passe assez longue",
            ["Input.ConfirmPassword"] = "une phrase de passe assez longue",
        });
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("a expiré", (await Http.ParseAsync(response)).Text());
        Assert.False(await app.Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "coordination.aubervilliers@ville.example.fr")));
    }

    [Fact]
    public async Task Unknown_invitation_token_gives_404()
    {
        var response = await app.Factory.CreateBrowserLikeClient().GetAsync("/Account/Invitation/" + SecretToken.New());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Decline_needs_a_reason_and_the_applicant_sees_it()
    {
        var (statusUrl, id) = await ApplyAsync("Sevran", "93071");
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var missing = await DecideAsync(staff, id, "decline", "  ");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal("Indiquez le motif de la décision.", (await Http.ParseAsync(missing)).FieldError("Input.Reason"));
        Assert.Equal(ApplicationStatus.Submitted, await app.Factory.WithDbAsync(db => db.TownApplications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, id, "decline", "La ville n'est pas une Cité éducative labellisée.")).StatusCode);
        var status = await app.Factory.CreateBrowserLikeClient().GetDocumentAsync(statusUrl);
        Assert.Contains("n'a pas été retenue", status.QuerySelector("#application-status")!.TextContent);
        Assert.Equal("La ville n'est pas une Cité éducative labellisée.", status.QuerySelector("#decision-reason")!.TextContent);
    }

    [Fact]
    public async Task Review_then_waitlist_then_accept_later()
    {
        var (statusUrl, id) = await ApplyAsync("Montreuil", "93048", new Dictionary<string, string> { ["Input.CoordinatorEmail"] = "coordination.montreuil@ville.example.fr" });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var review = await staff.SubmitFormAsync($"/Staff/Applications/Details/{id}", new Dictionary<string, string>(), "form[action*='handler=Review']");
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        Assert.Contains("en cours d'examen", (await app.Factory.CreateBrowserLikeClient().GetDocumentAsync(statusUrl)).QuerySelector("#application-status")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, id, "waitlist", "À revoir pour la vague suivante.")).StatusCode);
        var waiting = (await app.Factory.CreateBrowserLikeClient().GetDocumentAsync(statusUrl)).QuerySelector("#application-status")!.TextContent;
        Assert.Contains("liste d'attente", waiting);
        // Issue 10: a waiting list's reason is required because the town reads it on its status page.
        Assert.Contains("À revoir pour la vague suivante.", waiting);

        // A second tab still shows the form.
        var staleTab = await staff.GetDocumentAsync($"/Staff/Applications/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, id, "accept", "Une place s'est libérée.")).StatusCode);
        Assert.Equal(ApplicationStatus.Accepted, await app.Factory.WithDbAsync(db => db.TownApplications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        Assert.Null((await staff.GetDocumentAsync($"/Staff/Applications/Details/{id}")).QuerySelector("#decision-form"));

        // A decided application cannot be decided again.
        var again = await staff.SubmitFormAsync(staleTab, new Dictionary<string, string>
        {
            ["Input.Decision"] = "decline",
            ["Input.Reason"] = "Changement d'avis.",
        }, "#decision-form");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("décision est définitive", (await Http.ParseAsync(again)).Text());
    }

    [Fact]
    public async Task Accepting_needs_no_reason_but_waitlisting_does_and_an_acceptance_note_stays_with_staff()
    {
        var (statusUrl, id) = await ApplyAsync("Le Blanc-Mesnil", "93007", new Dictionary<string, string> { ["Input.CoordinatorEmail"] = "coordination.blanc-mesnil@ville.example.fr" });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var form = await staff.GetDocumentAsync($"/Staff/Applications/Details/{id}");
        Assert.Contains("montré à la ville", form.QuerySelector("#motif-aide")!.TextContent);

        var waitlist = await DecideAsync(staff, id, "waitlist", " ");
        Assert.Equal(HttpStatusCode.OK, waitlist.StatusCode);
        Assert.Equal("Indiquez le motif de la décision.", (await Http.ParseAsync(waitlist)).FieldError("Input.Reason"));
        Assert.Equal(ApplicationStatus.Submitted, await app.Factory.WithDbAsync(db => db.TownApplications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, id, "accept", "")).StatusCode);
        var (status, reason) = await app.Factory.WithDbAsync(db => db.TownApplications.Where(a => a.Id == id).Select(a => new ValueTuple<ApplicationStatus, string?>(a.Status, a.DecisionReason)).SingleAsync());
        Assert.Equal(ApplicationStatus.Accepted, status);
        Assert.Null(reason);
        var applicantView = await app.Factory.CreateBrowserLikeClient().GetDocumentAsync(statusUrl);
        Assert.Contains("retenue", applicantView.QuerySelector("#application-status")!.TextContent);
        Assert.Null(applicantView.QuerySelector("#decision-reason"));
    }

    [Fact]
    public async Task Accepting_into_a_wave_no_longer_planned_is_refused_and_changes_nothing()
    {
        var (_, id) = await ApplyAsync("Bobigny", "93008");
        var closedWaveId = await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Number == 1).Select(w => w.Id).SingleAsync());
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var response = await DecideAsync(staff, id, "accept", "Retenue.", closedWaveId.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("n'est plus en préparation", (await Http.ParseAsync(response)).FieldError("Input.WaveId"));
        Assert.False(await app.Factory.WithDbAsync(db => db.Towns.AnyAsync(t => t.InseeCode == "93008")));
        Assert.Equal(0, await app.Factory.WithDbAsync(db => db.CoordinatorInvitations.CountAsync(i => i.TownApplicationId == id)));
    }

    [Fact]
    public async Task Detail_warns_when_the_town_already_applied_or_was_already_served()
    {
        // Lens was served in wave 1.
        var (_, first) = await ApplyAsync("Lens", "62498", new Dictionary<string, string> { ["Input.IsMember"] = "non" });
        var (_, second) = await ApplyAsync("Lens", "62498", new Dictionary<string, string> { ["Input.IsMember"] = "non" });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var firstPage = await staff.GetDocumentAsync($"/Staff/Applications/Details/{first}");
        Assert.Contains("Vague 1", firstPage.QuerySelector("#warning-already-served")!.TextContent);
        Assert.NotNull(firstPage.QuerySelector($"#warning-already-applied a[href='/Staff/Applications/Details/{second}']"));
        Assert.Null(firstPage.QuerySelector("#warning-membership"));

        var (_, fresh) = await ApplyAsync("Villetaneuse", "93079", new Dictionary<string, string> { ["Input.IsMember"] = "non" });
        var freshPage = await staff.GetDocumentAsync($"/Staff/Applications/Details/{fresh}");
        Assert.Null(freshPage.QuerySelector("#warning-already-served"));
        Assert.Null(freshPage.QuerySelector("#warning-already-applied"));
    }

    [Fact]
    public async Task List_filters_counts_and_flags_membership_claims_that_disagree_with_the_list()
    {
        // Bondy is on the membership list but says it is not; Noisy-le-Sec says it is but is not on the list.
        await ApplyAsync("Bondy", "93010", new Dictionary<string, string> { ["Input.IsMember"] = "non" });
        await ApplyAsync("Noisy-le-Sec", "93053", new Dictionary<string, string> { ["Input.IsMember"] = "oui" });
        await ApplyAsync("Chenôve", "21166", new Dictionary<string, string> { ["Input.IsMember"] = "oui" });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);

        var all = await staff.GetDocumentAsync("/Staff/Applications");
        var total = await app.Factory.WithDbAsync(db => db.TownApplications.CountAsync());
        Assert.Contains($"Total : {total}", all.QuerySelector("#counts")!.TextContent);
        string RowOf(IDocument d, string town) => d.QuerySelectorAll("#applications tbody tr").Single(r => r.TextContent.Contains(town)).TextContent;
        Assert.Contains("pourtant sur la liste", RowOf(all, "Bondy"));
        Assert.Contains("absente de la liste", RowOf(all, "Noisy-le-Sec"));
        Assert.DoesNotContain("liste", RowOf(all, "Chenôve"));

        var burgundy = await staff.GetDocumentAsync("/Staff/Applications?Region=" + Uri.EscapeDataString("Bourgogne-Franche-Comté") + "&Member=oui");
        var towns = burgundy.QuerySelectorAll("#applications tbody tr").Select(r => r.TextContent).ToList();
        Assert.Single(towns);
        Assert.Contains("Chenôve", towns[0]);

        var declined = await staff.GetDocumentAsync("/Staff/Applications?Status=Declined&Member=non");
        Assert.All(declined.QuerySelectorAll("#applications tbody tr"), r => Assert.Contains("non retenue", r.TextContent));
    }

    [Fact]
    public async Task Staff_maintain_the_membership_list_and_the_flag_follows_it()
    {
        await ApplyAsync("Stains", "93072", new Dictionary<string, string> { ["Input.IsMember"] = "oui" });
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var members = await staff.GetDocumentAsync("/Staff/Applications/Members");
        Assert.Equal(13, members.QuerySelectorAll("#members tbody tr").Length); // the 13 members named in the 2020 note

        var invalid = await staff.SubmitFormAsync("/Staff/Applications/Members", new Dictionary<string, string>
        {
            ["Input.TownName"] = "Stains",
            ["Input.InseeCode"] = "9307",
        }, "#add-member");
        Assert.StartsWith("« 9307 » n'est pas un code INSEE valide", (await Http.ParseAsync(invalid)).FieldError("Input.InseeCode"));

        var added = await staff.SubmitFormAsync("/Staff/Applications/Members", new Dictionary<string, string>
        {
            ["Input.TownName"] = "Stains",
            ["Input.InseeCode"] = "93072",
        }, "#add-member");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await staff.GetDocumentAsync("/Staff/Applications");
        var row = list.QuerySelectorAll("#applications tbody tr").Single(r => r.TextContent.Contains("Stains")).TextContent;
        Assert.DoesNotContain("absente de la liste", row);

        var duplicate = await staff.SubmitFormAsync("/Staff/Applications/Members", new Dictionary<string, string>
        {
            ["Input.TownName"] = "Stains",
            ["Input.InseeCode"] = "93072",
        }, "#add-member");
        Assert.Contains("déjà sur la liste", (await Http.ParseAsync(duplicate)).FieldError("Input.InseeCode"));
    }

    [Fact]
    public async Task Review_pages_are_for_staff_only()
    {
        var anonymous = await app.Factory.CreateBrowserLikeClient().GetAsync("/Staff/Applications");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var coordinator = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Staff/Applications")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Staff/Applications/Members")).StatusCode);
    }
}
