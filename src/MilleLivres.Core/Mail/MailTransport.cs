using MailKit.Net.Smtp;
using MilleLivres.Core.Options;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MilleLivres.Core.Mail;

/// <summary>Where messages go: an SMTP server (MailKit), or .eml files when no server is set.</summary>
public interface IMailTransport
{
    /// <summary>One connection, for several messages in a row.</summary>
    Task<IMailConnection> ConnectAsync(CancellationToken ct);
}

public interface IMailConnection : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <param name="certificateValidation">
/// Null (the app): the system's certificate checks. The mail benchmark passes one that accepts its own self-signed
/// test certificate, to measure STARTTLS against a local server.
/// </param>
public sealed class SmtpMailTransport(IOptions<MailOptions> options, System.Net.Security.RemoteCertificateValidationCallback? certificateValidation = null) : IMailTransport
{
    public async Task<IMailConnection> ConnectAsync(CancellationToken ct)
    {
        var o = options.Value;
        var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        if (certificateValidation is not null)
        {
            client.ServerCertificateValidationCallback = certificateValidation;
            client.CheckCertificateRevocation = false;
        }
        try
        {
            await client.ConnectAsync(o.Host!.Trim(), o.Port, o.SecureSocketOptions, ct);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? string.Empty, ct);
            }
            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct) => await client.SendAsync(message, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (e is IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException)
            {
                // The server closed first: nothing left to say to it.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>
/// No SMTP server (the default): each message is written as « Message-Id.eml » in a folder under the data directory,
/// so a newcomer reads the notices at once. Writing the same message again replaces its file (one file per mail).
/// </summary>
public sealed class PickupDirectoryMailTransport(IOptions<MailOptions> options, IOptions<DatabaseOptions> database) : IMailTransport
{
    public string Directory => options.Value.ResolvedPickupDirectory(database.Value.ResolvedDataDirectory);

    public Task<IMailConnection> ConnectAsync(CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.FromResult<IMailConnection>(new Connection(Directory));
    }

    public static string FileName(string messageId) =>
        string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_')) + ".eml";

    /// <summary>
    /// Deletes the .eml copies of these messages (and a copy left half-written), when there are any: retention and
    /// erasure call it for the mails they anonymise. Returns the files deleted.
    /// </summary>
    public int DeleteCopies(IEnumerable<string> messageIds)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }
        var deleted = 0;
        foreach (var id in messageIds.Where(i => !string.IsNullOrEmpty(i)).Distinct())
        {
            var path = Path.Combine(Directory, FileName(id));
            if (File.Exists(path))
            {
                File.Delete(path);
                deleted++;
            }
            File.Delete(path + ".tmp");
        }
        return deleted;
    }

    private sealed class Connection(string directory) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            var path = Path.Combine(directory, FileName(message.MessageId ?? Guid.NewGuid().ToString("N")));
            var temp = path + ".tmp";
            await message.WriteToAsync(temp, ct);
            File.Move(temp, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
