using MilleLivres.Core.Applications;
using MilleLivres.Tests.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MilleLivres.Tests.Mail;

/// <summary>No Mail:Host (the default): mails are .eml files under the data folder and listed on « Courriels ».</summary>
public class PickupDirectoryTests(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task Without_a_mail_server_the_status_link_mail_is_an_eml_file_and_is_listed_as_sent()
    {
        await ApplyForm.SubmitAsync(app.Factory.CreateBrowserLikeClient(),
            ApplyForm.Valid("Calais", "62193", new Dictionary<string, string> { ["Input.ApplicantEmail"] = "mairie@calais.example.fr" }));
        var path = await EmlFiles.LinkAsync(app.Factory, "mairie@calais.example.fr", "/Apply/Status/");
        Assert.Contains("Calais", (await app.Factory.CreateBrowserLikeClient().GetDocumentAsync(path)).Text());

        var row = await MailRows.WaitAsync(app.Factory, m => m.Recipient == "mairie@calais.example.fr", m => m.Status == OutboxEmailStatus.Sent);
        var file = Path.Combine(EmlFiles.Directory(app.Factory), MilleLivres.Core.Mail.PickupDirectoryMailTransport.FileName(row.MessageId));
        Assert.True(File.Exists(file), file);
        var message = MimeKit.MimeMessage.Load(file);
        Assert.Equal("Votre candidature pour Calais — lien de suivi", message.Subject);
        Assert.NotNull(message.HtmlBody);

        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var list = await staff.GetDocumentAsync("/Staff/Mail");
        var tr = list.QuerySelector($"tr[data-mail='{row.Id}']")!;
        Assert.Equal("Envoyé", tr.QuerySelector(".status")!.TextContent.Trim());
        Assert.Contains("mairie@calais.example.fr", tr.TextContent);
        var details = await staff.GetDocumentAsync($"/Staff/Mail/Details/{row.Id}");
        Assert.Contains("Nous avons bien reçu la candidature de Calais", details.QuerySelector("#preview")!.TextContent);
    }

    [Fact]
    public async Task Only_staff_see_the_courriels_page()
    {
        var coordinator = await app.Factory.SignedInClientAsync(Http.BoulogneEmail);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Staff/Mail")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Staff/Mail/Details/1")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await app.Factory.CreateBrowserLikeClient().GetAsync("/Staff/Mail")).StatusCode);
        var staff = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await staff.GetAsync("/Staff/Mail/Details/999999")).StatusCode);
    }
}

public class MailSettingsValidationTests
{
    private sealed class FactoryWith(Dictionary<string, string?> settings) : AppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => settings;
    }

    [Theory]
    [InlineData("Mail:Security", "Tls13", "Mail:Security doit valoir None, StartTls, SslOnConnect ou Auto")]
    [InlineData("Mail:From", "pas une adresse", "Mail:From doit être une adresse d'expéditeur valide")]
    public void A_bad_mail_setting_stops_start_up_with_a_french_message(string key, string value, string expected)
    {
        using var factory = new FactoryWith(new() { [key] = value });
        var e = Assert.ThrowsAny<Exception>(() => factory.Services);
        var validation = Assert.IsType<OptionsValidationException>(e is OptionsValidationException ? e : e.InnerException ?? e, exactMatch: false);
        Assert.Contains(expected, string.Join(" ", validation.Failures));
    }

    [Fact]
    public void Configured_retry_delays_replace_the_defaults_instead_of_following_them()
    {
        using var configured = new FactoryWith(new() { ["Mail:RetryDelaysSeconds:0"] = "7", ["Mail:RetryDelaysSeconds:1"] = "9" });
        var options = configured.Services.GetRequiredService<IOptions<MilleLivres.Core.Options.MailOptions>>().Value;
        Assert.Equal([7, 9], options.EffectiveRetryDelaysSeconds);
        Assert.Equal(TimeSpan.FromSeconds(7), options.RetryDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(9), options.RetryDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(9), options.RetryDelay(6));

        var unset = new MilleLivres.Core.Options.MailOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), unset.RetryDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(3600), unset.RetryDelay(20));
    }

    [Fact]
    public void A_user_name_without_password_is_refused_when_a_server_is_set()
    {
        using var factory = new FactoryWith(new() { ["Mail:Host"] = "smtp.example.org", ["Mail:UserName"] = "biblionef" });
        var e = Assert.ThrowsAny<Exception>(() => factory.Services);
        var validation = Assert.IsType<OptionsValidationException>(e is OptionsValidationException ? e : e.InnerException ?? e, exactMatch: false);
        Assert.Contains("Mail:Password est obligatoire quand Mail:UserName est renseigné.", validation.Failures);
    }
}
