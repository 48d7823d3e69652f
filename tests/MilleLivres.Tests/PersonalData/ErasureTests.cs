using System.Net;
using MilleLivres.Core.PersonalData;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Web.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MilleLivres.Tests.PersonalData;

/// <summary>A person's requests: find, export, correct, erase; through the page and the verbs.</summary>
public sealed class ErasureTests
{
    private const string Email = "Ophelie.Effacee@ville.example.fr";
    private const string Name = "Ophélie Effacée";
    private const string Password = "une phrase de passe assez longue";

    /// <summary>The person coordinates an accepted town: application, town contact, invitation, account, mails, audit rows.</summary>
    private static async Task<(PrivacyFactory Factory, HttpClient Staff, int ApplicationId)> ArrangeAsync()
    {
        var factory = new PrivacyFactory();
        await factory.SeededAsync();
        var id = await PrivacyFlows.ApplyAsync(factory, "Saint-Denis", "93066", new Dictionary<string, string>
        {
            ["Input.CoordinatorName"] = Name,
            ["Input.CoordinatorEmail"] = Email,
        });
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        // Staff also write the address in free text: the erasure must find it there too.
        var invitation = await PrivacyFlows.AcceptAsync(factory, staff, id, $"Retenue ; contact : {Email.ToLowerInvariant()}.");
        await PrivacyFlows.CreateAccountAsync(factory, invitation, Password);
        await factory.WithDbAsync(async db =>
        {
            foreach (var mail in await db.OutboxEmails.ToListAsync())
            {
                mail.MarkSent(factory.Clock.GetUtcNow().UtcDateTime);
            }
            await db.SaveChangesAsync();
        });
        return (factory, staff, id);
    }

    [Fact]
    public async Task Staff_find_export_and_erase_a_person_and_the_address_is_nowhere_in_the_database_afterwards()
    {
        var (factory, staff, id) = await ArrangeAsync();
        using var _ = factory;
        Assert.Contains("AuditEntries.Changes", await PrivacyFlows.WhereTextAppearsAsync(factory, Email));

        // Find by name (part of it, without accents) and by address.
        var byName = await Http.ParseAsync(await staff.SubmitFormAsync("/Staff/PersonalData", new Dictionary<string, string> { ["q"] = "ophelie effa" }, "#search"));
        Assert.Contains("Saint-Denis", byName.QuerySelector("#report")!.TextContent);
        var byEmail = await Http.ParseAsync(await staff.SubmitFormAsync("/Staff/PersonalData", new Dictionary<string, string> { ["q"] = Email.ToUpperInvariant() }, "#search"));
        var report = byEmail.QuerySelector("#report")!.TextContent;
        Assert.Contains($"Candidature n° {id} de Saint-Denis", report);
        Assert.Contains("Fiche de la ville de Saint-Denis", report);
        Assert.Contains("Compte de connexion", report);
        Assert.Contains("Invitation à créer un compte pour Saint-Denis", report);
        Assert.Contains("courriel(s) adressé(s)", report);

        // Export: JSON and the French summary, as downloads.
        var json = await staff.SubmitFormAsync(byEmail, new Dictionary<string, string> { ["format"] = "json" }, "#export");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", json.Content.Headers.ContentDisposition!.ToString());
        using (var parsed = System.Text.Json.JsonDocument.Parse(await json.Content.ReadAsStringAsync()))
        {
            var applications = parsed.RootElement.GetProperty("rapport").GetProperty("applications");
            Assert.Equal(Email, applications[0].GetProperty("email").GetString());
            Assert.Equal(Name, applications[0].GetProperty("name").GetString());
            Assert.True(parsed.RootElement.GetProperty("resume").GetArrayLength() >= 5);
        }
        var summary = await staff.SubmitFormAsync(byEmail, new Dictionary<string, string> { ["format"] = "txt" }, "#export");
        Assert.Contains("conservées deux ans après la fin de la vague", await summary.Content.ReadAsStringAsync());

        // A reason is required.
        var noReason = await Http.ParseAsync(await staff.SubmitFormAsync(byEmail, new Dictionary<string, string> { ["Erase.Email"] = Email, ["Erase.Reason"] = "" }, "#erase"));
        Assert.Contains("motif", noReason.FieldError("Erase.Reason"));

        var figures = await PrivacyFlows.FiguresAsync(factory);
        var erased = await staff.SubmitFormAsync(byEmail, new Dictionary<string, string>
        {
            ["Erase.Email"] = Email,
            ["Erase.Reason"] = $"Demande reçue de {Email} le 2 mars",
        }, "#erase");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Contains("Effacement fait", (await staff.GetDocumentAsync("/Staff/PersonalData")).QuerySelector("#message")!.TextContent);

        // Nowhere: every text column of every table, audit trail and mails included; nor the person's name.
        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, Email));
        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, Name));
        Assert.Equal(figures, await PrivacyFlows.FiguresAsync(factory));
        await factory.WithDbAsync(async db =>
        {
            var record = await db.Set<AnonymisationRecord>().SingleAsync(r => r.Kind == AnonymisationKind.Erasure);
            Assert.Equal((1, 1, 1, 1), (record.Applications, record.TownContacts, record.Accounts, record.Invitations));
            Assert.StartsWith("Demande reçue de [effacé]", record.Reason);
            // Who erased is in the audit trail.
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(AnonymisationRecord) && a.ActorName == Http.StaffEmail));
        });
        var signIn = await factory.CreateBrowserLikeClient().SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = Email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        // The same post again changes nothing and says why.
        var again = await Http.ParseAsync(await staff.SubmitFormAsync("/Staff/PersonalData", new Dictionary<string, string>
        {
            ["Erase.Email"] = Email,
            ["Erase.Reason"] = "Demande reçue le 2 mars",
        }, "#erase"));
        Assert.Contains("Aucune donnée personnelle", again.FieldError("Erase.Email"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Set<AnonymisationRecord>().CountAsync()));
    }

    [Fact]
    public async Task A_towns_delivery_contact_is_found_and_erased_everywhere_including_the_audit_of_the_town_form()
    {
        const string contact = "Gaston.Receveur@mediatheque.example.fr";
        var factory = new PrivacyFactory();
        using var _ = factory;
        await factory.SeededAsync();
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var lens = await factory.WithDbAsync(db => db.Towns.Where(t => t.Name == "Lens").Select(t => t.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync($"/Staff/Towns/Edit/{lens}", new Dictionary<string, string>
        {
            ["Input.DeliveryContact.Name"] = "Gaston Receveur",
            ["Input.DeliveryContact.Email"] = contact,
        })).StatusCode);
        Assert.Contains("AuditEntries.Changes", await PrivacyFlows.WhereTextAppearsAsync(factory, contact));

        var found = await Http.ParseAsync(await staff.SubmitFormAsync("/Staff/PersonalData", new Dictionary<string, string> { ["q"] = contact }, "#search"));
        Assert.Contains("réception des cartons", found.QuerySelector("#report")!.TextContent);
        var erased = await staff.SubmitFormAsync(found, new Dictionary<string, string>
        {
            ["Erase.Email"] = contact,
            ["Erase.Reason"] = "Demande reçue le 3 mars",
        }, "#erase");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, contact));
        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, "Gaston Receveur"));
        Assert.True((await factory.WithDbAsync(db => db.Towns.AsNoTracking().SingleAsync(t => t.Id == lens))).DeliveryContact.IsEmpty);
    }

    [Fact]
    public async Task Staff_correct_a_contact_and_the_change_is_audited()
    {
        var (factory, staff, id) = await ArrangeAsync();
        using var _ = factory;
        var byEmail = await Http.ParseAsync(await staff.SubmitFormAsync("/Staff/PersonalData", new Dictionary<string, string> { ["q"] = Email }, "#search"));
        var bad = await Http.ParseAsync(await staff.SubmitFormAsync(byEmail, new Dictionary<string, string> { ["Correct.Email"] = "pas-une-adresse" }, ".correct-form"));
        Assert.Contains("adresse électronique valide", bad.FieldError("Correct.Email"));
        var corrected = await staff.SubmitFormAsync(byEmail, new Dictionary<string, string> { ["Correct.Name"] = "Ophélie Corrigée" }, ".correct-form");
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var application = await db.TownApplications.SingleAsync(a => a.Id == id);
            Assert.Equal("Ophélie Corrigée", application.Coordinator.Name);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "TownApplication" && a.EntityId == id.ToString() && a.Changes.Contains("Ophélie Corrigée")));
        });
    }

    [Fact]
    public async Task The_verbs_export_then_erase_an_address_and_refuse_unknown_ones_with_a_french_message()
    {
        var (factory, _, _) = await ArrangeAsync();
        using var __ = factory;
        async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await CommandLine.RunAsync(args, null, output, error,
                c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = factory.DataDirectory }));
            return (exit, output.ToString(), error.ToString());
        }
        var file = Path.Combine(factory.DataDirectory, "export.json");
        var export = await RunAsync("personal-data", "export", "--email", Email, "--to", file);
        Assert.True(export.Exit == 0, export.Err);
        Assert.Contains("Candidature n°", export.Out);
        Assert.Contains(Email, await File.ReadAllTextAsync(file));
        var overwrite = await RunAsync("personal-data", "export", "--email", Email, "--to", file);
        Assert.NotEqual(0, overwrite.Exit);
        Assert.Contains("existe déjà", overwrite.Err);

        var noReason = await RunAsync("personal-data", "erase", "--email", Email);
        Assert.NotEqual(0, noReason.Exit);
        var erase = await RunAsync("personal-data", "erase", "--email", Email, "--reason", "Demande écrite du 3 mars");
        Assert.True(erase.Exit == 0, erase.Err);
        Assert.Contains("Effacement fait : 1 candidature(s)", erase.Out);
        File.Delete(file);
        Assert.Empty(await PrivacyFlows.WhereTextAppearsAsync(factory, Email));
        await factory.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(AnonymisationRecord) && a.ActorName.StartsWith("ligne de commande"))));

        var unknown = await RunAsync("personal-data", "erase", "--email", Email, "--reason", "Encore");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("Aucune donnée personnelle", unknown.Err);
        var nothing = await RunAsync("personal-data", "export", "--email", "personne@example.fr", "--to", file);
        Assert.Equal(1, nothing.Exit);
        Assert.Contains("Aucune donnée personnelle", nothing.Err);
        Assert.False(File.Exists(file));
    }
}

public sealed class PersonalDataAccessTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task Only_staff_reach_the_personal_data_page()
    {
        var coordinator = await app.Factory.SignedInClientAsync(Http.LensEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Staff/PersonalData")).StatusCode);
        var anonymous = await app.Factory.CreateBrowserLikeClient().GetAsync("/Staff/PersonalData");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        Assert.Contains("Demande d'une personne", (await staff.GetDocumentAsync("/Staff/PersonalData")).Text());
    }
}
