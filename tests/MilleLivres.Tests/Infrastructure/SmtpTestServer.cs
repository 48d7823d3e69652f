using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MilleLivres.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (SmtpServer, in-process) on a loopback port. Keeps every message it accepts; answers 550 for the
/// recipients in <see cref="Refused"/>. Can be stopped and started again on the same port (server down, then back).
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _running;

    public SmtpTestServer()
    {
        Port = FreePort();
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>The envelope's recipients (RCPT TO) of each accepted message, by Message-Id: who really gets a copy.</summary>
    public ConcurrentDictionary<string, string[]> EnvelopeRecipients { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>SMTP sessions (connections) that delivered at least one message, to see connection reuse.</summary>
    public int Sessions => _sessions.Count;

    private readonly ConcurrentDictionary<ISessionContext, byte> _sessions = new(ReferenceEqualityComparer.Instance);

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public SmtpTestServer Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .MaxMessageSize(64 * 1024 * 1024)
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = server.StartAsync(_stop.Token);
        WaitListening();
        return this;
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }
        await _stop.CancelAsync();
        try
        {
            await _running!;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _stop = null;
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits until a message matching <paramref name="match"/> arrived (polling, generous timeout).</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, int seconds = 90)
    {
        var found = await Wait.UntilAsync(() => Task.FromResult(Messages.FirstOrDefault(match)), m => m is not null, TimeSpan.FromSeconds(seconds));
        return found ?? throw new TimeoutException($"No matching message after {seconds} s; received: {string.Join(" | ", Messages.Select(m => m.Subject))}");
    }

    private void WaitListening()
    {
        var listening = Wait.Until(() =>
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, ok => ok, TimeSpan.FromSeconds(30));
        if (!listening)
        {
            throw new TimeoutException($"The test SMTP server is not listening on port {Port} after 30 s.");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (transaction.To.Any(t => owner.Refused.ContainsKey($"{t.User}@{t.Host}")))
            {
                return Task.FromResult(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 Mailbox unknown: destinataire refuse"));
            }
            owner._sessions.TryAdd(context, 0);
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream);
            if (message.MessageId is { } id)
            {
                owner.EnvelopeRecipients[id] = transaction.To.Select(t => $"{t.User}@{t.Host}").ToArray();
            }
            owner.Messages.Enqueue(message);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
