using System.Reflection;
using System.Text;
using MilleLivres.Core.Applications;

namespace MilleLivres.Core.Mail;

/// <summary>A rendered mail: subject, plain-text part, HTML part.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// The templates of Mail/Templates, one file per kind: comment lines (#), « Sujet: … », then « === texte » and
/// « === html ». {{Name}} is replaced by the value, HTML-encoded in the HTML part (line breaks become &lt;br&gt;).
/// </summary>
public static class MailTemplates
{
    private sealed record Template(string Subject, string Text, string Html);

    private static readonly Dictionary<OutboxEmailKind, Template> Templates = Enum.GetValues<OutboxEmailKind>().ToDictionary(k => k, Load);

    public static RenderedMail Render(OutboxEmailKind kind, IReadOnlyDictionary<string, string?> values)
    {
        var t = Templates[kind];
        return new RenderedMail(
            Replace(t.Subject, values, v => v.ReplaceLineEndings(" ")),
            Replace(t.Text, values, v => v),
            Replace(t.Html, values, v => string.Join("<br>", v.ReplaceLineEndings("\n").Split('\n').Select(Encode))));
    }

    /// <summary>Only the characters that matter in HTML: accents stay readable in the source of the mail.</summary>
    private static string Encode(string s) =>
        s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    private static string Replace(string template, IReadOnlyDictionary<string, string?> values, Func<string, string> encode)
    {
        var sb = new StringBuilder(template.Length + 256);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new InvalidOperationException("Modèle de courriel mal formé : « {{ » sans « }} ».");
            }
            sb.Append(template, i, open - i);
            var key = template[(open + 2)..close].Trim();
            if (!values.TryGetValue(key, out var value))
            {
                throw new InvalidOperationException($"Modèle de courriel : valeur « {key} » inconnue.");
            }
            sb.Append(encode(value ?? string.Empty));
            i = close + 2;
        }
        return sb.ToString();
    }

    private static Template Load(OutboxEmailKind kind)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"MailTemplates.{kind}.txt")
            ?? throw new InvalidOperationException($"Modèle de courriel manquant : Mail/Templates/{kind}.txt");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = reader.ReadToEnd().ReplaceLineEndings("\n").Split('\n');
        string? subject = null;
        var text = new List<string>();
        var html = new List<string>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("=== texte", StringComparison.Ordinal))
            {
                current = text;
            }
            else if (line.StartsWith("=== html", StringComparison.Ordinal))
            {
                current = html;
            }
            else if (current is not null)
            {
                current.Add(line);
            }
            else if (line.StartsWith("Sujet:", StringComparison.Ordinal))
            {
                subject = line["Sujet:".Length..].Trim();
            }
        }
        if (subject is null || text.Count == 0 || html.Count == 0)
        {
            throw new InvalidOperationException($"Modèle de courriel incomplet : Mail/Templates/{kind}.txt (Sujet, === texte, === html).");
        }
        return new Template(subject, string.Join("\r\n", text).Trim() + "\r\n", string.Join("\r\n", html).Trim() + "\r\n");
    }
}
