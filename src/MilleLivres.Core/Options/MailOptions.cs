using Microsoft.Extensions.Options;
using MimeKit;

namespace MilleLivres.Core.Options;

/// <summary>The "Mail" section. With no <see cref="Host"/> (the default) mails are written as .eml files under the data directory.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";
    public static readonly string[] SecurityValues = ["None", "StartTls", "SslOnConnect", "Auto"];

    /// <summary>SMTP server; empty: write .eml files into <see cref="PickupDirectory"/> instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. « Biblionef — 1000 livres &lt;ne-pas-repondre@biblionef.example&gt; ».</summary>
    public string From { get; set; } = "Biblionef — 1000 livres <ne-pas-repondre@millelivres.example.org>";

    /// <summary>Folder of the .eml files when there is no Host; relative paths are under Database:DataDirectory.</summary>
    public string PickupDirectory { get; set; } = "mails";

    /// <summary>Most mails sent over one connection in one run of the sender.</summary>
    public int BatchSize { get; set; } = 100;

    public int TimeoutSeconds { get; set; } = 30;

    public static readonly IReadOnlyList<int> DefaultRetryDelaysSeconds = [30, 60, 120, 300, 900, 3600];

    /// <summary>
    /// Waits after the 1st, 2nd... transient failure; the last one repeats until <see cref="GiveUpAfterHours"/>.
    /// Unset: <see cref="DefaultRetryDelaysSeconds"/>. Not initialised with them: the configuration binder appends
    /// configured items to an array's existing ones, so "Mail:RetryDelaysSeconds:0" = 1 would have come after 3600.
    /// </summary>
    public int[]? RetryDelaysSeconds { get; set; }

    public IReadOnlyList<int> EffectiveRetryDelaysSeconds => RetryDelaysSeconds is { Length: > 0 } configured ? configured : DefaultRetryDelaysSeconds;

    public int GiveUpAfterHours { get; set; } = 24;

    /// <summary>Days after the expected delivery without receipt before the first reminder.</summary>
    public int ReceiptReminderDays { get; set; } = 5;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    public MailKit.Security.SecureSocketOptions SecureSocketOptions => Security switch
    {
        "None" => MailKit.Security.SecureSocketOptions.None,
        "SslOnConnect" => MailKit.Security.SecureSocketOptions.SslOnConnect,
        "Auto" => MailKit.Security.SecureSocketOptions.Auto,
        _ => MailKit.Security.SecureSocketOptions.StartTls,
    };

    public MailboxAddress Sender => MailboxAddress.Parse(From);

    public string ResolvedPickupDirectory(string dataDirectory) =>
        Path.GetFullPath(Path.IsPathRooted(PickupDirectory) ? PickupDirectory : Path.Combine(dataDirectory, PickupDirectory));

    public TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromSeconds(EffectiveRetryDelaysSeconds[Math.Clamp(failures - 1, 0, EffectiveRetryDelaysSeconds.Count - 1)]);
}

public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions o)
    {
        var failures = new List<string>();
        if (!MailboxAddress.TryParse(o.From ?? string.Empty, out var from) || !from.Address.Contains('@'))
        {
            failures.Add($"Mail:From doit être une adresse d'expéditeur valide, par exemple « Biblionef <ne-pas-repondre@biblionef.example> » (valeur actuelle : « {o.From} »).");
        }
        if (!MailOptions.SecurityValues.Contains(o.Security))
        {
            failures.Add($"Mail:Security doit valoir None, StartTls, SslOnConnect ou Auto (valeur actuelle : « {o.Security} »).");
        }
        if (o.UsesSmtp)
        {
            if (Uri.CheckHostName(o.Host!.Trim()) == UriHostNameType.Unknown)
            {
                failures.Add($"Mail:Host n'est pas un nom de serveur valide (valeur actuelle : « {o.Host} »).");
            }
            if (o.Port is < 1 or > 65535)
            {
                failures.Add($"Mail:Port doit être un numéro de port entre 1 et 65535 (valeur actuelle : {o.Port}).");
            }
            if (!string.IsNullOrEmpty(o.UserName) && string.IsNullOrEmpty(o.Password))
            {
                failures.Add("Mail:Password est obligatoire quand Mail:UserName est renseigné.");
            }
        }
        else if (string.IsNullOrWhiteSpace(o.PickupDirectory))
        {
            failures.Add("Mail:PickupDirectory est obligatoire quand Mail:Host est vide (dossier des fichiers .eml).");
        }
        if (o.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"Mail:BatchSize doit être entre 1 et 10 000 (valeur actuelle : {o.BatchSize}).");
        }
        if (o.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"Mail:TimeoutSeconds doit être entre 1 et 600 (valeur actuelle : {o.TimeoutSeconds}).");
        }
        if (o.EffectiveRetryDelaysSeconds.Any(d => d < 1))
        {
            failures.Add("Mail:RetryDelaysSeconds doit être une liste de délais positifs en secondes.");
        }
        if (o.GiveUpAfterHours is < 1 or > 24 * 14)
        {
            failures.Add($"Mail:GiveUpAfterHours doit être entre 1 et 336 heures (valeur actuelle : {o.GiveUpAfterHours}).");
        }
        if (o.ReceiptReminderDays is < 1 or > 90)
        {
            failures.Add($"Mail:ReceiptReminderDays doit être entre 1 et 90 jours (valeur actuelle : {o.ReceiptReminderDays}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
