using System.Buffers;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MilleLivres.Core.Mail;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MilleLivres.Benchmarks;

/// <summary>
/// 1,000 delivery notices, each with a 1 MB PDF, to an SMTP server on loopback (SmtpServer, in-process, counting
/// what it receives): the app's way (one connection for the batch) against a new connection per message.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MailSendBenchmarks
{
    public const int Messages = 1000;
    private readonly CancellationTokenSource _stop = new();
    private List<MimeMessage> _messages = null!;
    private SmtpMailTransport _transport = null!;
    private static long _received;

    [GlobalSetup]
    public void Setup()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).MaxMessageSize(16 * 1024 * 1024).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore());
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        _transport = new SmtpMailTransport(Microsoft.Extensions.Options.Options.Create(new MailOptions
        {
            Host = "127.0.0.1", Port = port, Security = "None", TimeoutSeconds = 60,
        }));
        var pdf = new byte[1024 * 1024];
        new Random(7).NextBytes(pdf);
        _messages = Enumerable.Range(1, Messages).Select(i => Notice(i, pdf)).ToList();
        WaitListening(port);
    }

    /// <summary>Until the in-process server accepts a connection (not a fixed pause).</summary>
    private static void WaitListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _stop.Cancel();

    private static MimeMessage Notice(int i, byte[] pdf)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("Biblionef <ne-pas-repondre@biblionef.example>"));
        message.To.Add(MailboxAddress.Parse($"coordination.{i}@ville.example.fr"));
        message.Subject = $"Vos livres sont en route — Ville n° {i}, vague 2";
        message.MessageId = $"bench-{i}@millelivres";
        var body = new BodyBuilder
        {
            TextBody = "Bonjour,\r\nLes cartons sont partis. Livraison prévue le mercredi 2 décembre 2026.\r\n",
            HtmlBody = "<p>Bonjour,</p><p>Les cartons sont partis. Livraison prévue le mercredi 2 décembre 2026.</p>",
        };
        body.Attachments.Add("bordereau.pdf", pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        // Encode once, as the app's builder does before the send; the benchmark measures the transport.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    [Benchmark(Baseline = true, Description = "une connexion par message")]
    public async Task ConnectionPerMessage()
    {
        foreach (var m in _messages)
        {
            await using var connection = await _transport.ConnectAsync(CancellationToken.None);
            await connection.SendAsync(m, CancellationToken.None);
        }
    }

    [Benchmark(Description = "une connexion par lot (l'application)")]
    public async Task OneConnectionPerBatch()
    {
        await using var connection = await _transport.ConnectAsync(CancellationToken.None);
        foreach (var m in _messages)
        {
            await connection.SendAsync(m, CancellationToken.None);
        }
    }

    private sealed class CountingStore : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _received, buffer.Length);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
