using MilleLivres.Core.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Mail;

/// <summary>
/// The app sending to a real SMTP server on a loopback port (no TLS), with short retry delays. Pass
/// <paramref name="sharedDataDirectory"/> to start a second host on the same database (a restart).
/// </summary>
public sealed class MailAppFactory(int smtpPort, bool runServer = true, string? sharedDataDirectory = null) : AppFactory
{
    public const string BaseUrl = "https://millelivres.example.org";

    public string DatabaseDirectory => sharedDataDirectory ?? DataDirectory;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Database:DataDirectory"] = DatabaseDirectory,
        ["BackgroundJobs:RunServer"] = runServer ? "true" : "false",
        ["Packing:PublicBaseUrl"] = BaseUrl,
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "Équipe Biblionef <ne-pas-repondre@biblionef.example>",
        ["Mail:TimeoutSeconds"] = "10",
        ["Mail:RetryDelaysSeconds:0"] = "1",
        ["Mail:RetryDelaysSeconds:1"] = "2",
        ["Mail:RetryDelaysSeconds:2"] = "3",
        ["Applications:SubmissionsPerWindow"] = "1000",
    };
}

/// <summary>One SMTP server and one app sending to it, shared by the tests of a class.</summary>
public sealed class MailApp : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = new();

    public MailAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp.Start();
        Factory = new MailAppFactory(Smtp.Port);
        await Factory.SeededAsync();
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Smtp.DisposeAsync();
    }
}

public static class MailRows
{
    /// <summary>Waits until the row matching <paramref name="match"/> satisfies <paramref name="done"/> (a person reloading the page).</summary>
    public static async Task<OutboxEmail> WaitAsync(AppFactory app, System.Linq.Expressions.Expression<Func<OutboxEmail, bool>> match, Func<OutboxEmail, bool> done, int seconds = 90)
    {
        var row = await Wait.UntilAsync(
            () => app.WithDbAsync(db => db.OutboxEmails.AsNoTracking().Where(match).OrderBy(m => m.Id).FirstOrDefaultAsync()),
            r => r is not null && done(r), TimeSpan.FromSeconds(seconds));
        return row is not null && done(row) ? row : throw new TimeoutException($"Mail row not in the expected state after {seconds} s: {row?.Status} attempts {row?.Attempts} error {row?.LastError}");
    }
}
