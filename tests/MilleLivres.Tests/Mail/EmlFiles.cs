using System.Text.RegularExpressions;
using MilleLivres.Tests.Infrastructure;
using MimeKit;

namespace MilleLivres.Tests.Mail;

/// <summary>The .eml files the app writes under its data folder when no SMTP server is set (the default).</summary>
public static partial class EmlFiles
{
    public static string Directory(AppFactory app) => Path.Combine(app.DataDirectory, "mails");

    public static IReadOnlyList<MimeMessage> All(AppFactory app) =>
        System.IO.Directory.Exists(Directory(app))
            ? System.IO.Directory.GetFiles(Directory(app), "*.eml").OrderByDescending(File.GetLastWriteTimeUtc).Select(f => MimeMessage.Load(f)).ToList()
            : [];

    /// <summary>Waits for a mail to <paramref name="to"/> holding a link whose path starts with <paramref name="prefix"/>; returns the path.</summary>
    public static async Task<string> LinkAsync(AppFactory app, string to, string prefix, int seconds = 90)
    {
        var path = await Wait.UntilAsync(() => Task.FromResult(All(app)
                .Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, to, StringComparison.OrdinalIgnoreCase)))
                .SelectMany(m => Url().Matches(m.TextBody ?? string.Empty).Select(x => new Uri(x.Value).PathAndQuery))
                .FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal))),
            p => p is not null, TimeSpan.FromSeconds(seconds));
        return path ?? throw new TimeoutException($"No mail to {to} with a {prefix} link after {seconds} s.");
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex Url();
}
