using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Mail;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.PersonalData;

/// <summary>
/// Without an SMTP server (the default), each mail is also an .eml file in the pickup folder: retention and erasure
/// delete the files of the mails they anonymise, and leave the others. Mails are sent by the real sender job.
/// </summary>
public class MailCopyTests
{
    /// <summary>Applies through the public form and waits for the applicant's mail to be written; returns its file.</summary>
    private static async Task<string> ApplyAndWaitForCopyAsync(PrivacyFactory factory, string town, string insee, string applicantEmail)
    {
        await PrivacyFlows.ApplyAsync(factory, town, insee, new Dictionary<string, string>
        {
            ["Input.ApplicantEmail"] = applicantEmail,
            ["Input.CoordinatorEmail"] = $"coordination.{insee}@ville.example.fr",
        });
        var row = await MailRows.WaitAsync(factory, m => m.Recipient == applicantEmail, m => m.Status == OutboxEmailStatus.Sent);
        var directory = await factory.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<PickupDirectoryMailTransport>().Directory));
        var path = Path.Combine(directory, PickupDirectoryMailTransport.FileName(row.MessageId));
        Assert.True(File.Exists(path), $"no .eml copy at {path}");
        Assert.Contains(applicantEmail, await File.ReadAllTextAsync(path));
        return path;
    }

    [Fact]
    public async Task Retention_deletes_the_eml_copies_of_the_mails_it_anonymises_and_keeps_the_recent_ones()
    {
        using var factory = new PrivacyFactory();
        await factory.SeededAsync();
        var t0 = factory.Clock.GetUtcNow();
        var old = await ApplyAndWaitForCopyAsync(factory, "Saint-Denis", "93066", "ancienne.demande@ville.example.fr");

        // A year and a day later, another mail is sent: only the first one is past its retention.
        factory.SetNow(t0.AddMonths(12).AddDays(1));
        var recent = await ApplyAndWaitForCopyAsync(factory, "Pantin", "93055", "recente.demande@ville.example.fr");

        var record = await factory.RunRetentionAsync();

        Assert.True(record.Mails >= 1);
        Assert.False(File.Exists(old));
        Assert.False(File.Exists(old + ".tmp"));
        Assert.True(File.Exists(recent));
        Assert.Contains("recente.demande@ville.example.fr", await File.ReadAllTextAsync(recent));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetDirectoryName(old)!),
            f => File.ReadAllText(f).Contains("ancienne.demande@ville.example.fr", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Erasure_deletes_the_eml_copies_of_the_persons_mails_and_keeps_the_others()
    {
        using var factory = new PrivacyFactory();
        await factory.SeededAsync();
        var erased = await ApplyAndWaitForCopyAsync(factory, "Saint-Denis", "93066", "a.effacer@ville.example.fr");
        var kept = await ApplyAndWaitForCopyAsync(factory, "Pantin", "93055", "a.garder@ville.example.fr");

        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var response = await staff.SubmitFormAsync("/Staff/PersonalData", new Dictionary<string, string>
        {
            ["Erase.Email"] = "a.effacer@ville.example.fr",
            ["Erase.Reason"] = "Demande de la personne",
        }, "#erase");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(File.Exists(erased));
        Assert.True(File.Exists(kept));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetDirectoryName(erased)!),
            f => File.ReadAllText(f).Contains("a.effacer@ville.example.fr", StringComparison.OrdinalIgnoreCase));
    }
}
