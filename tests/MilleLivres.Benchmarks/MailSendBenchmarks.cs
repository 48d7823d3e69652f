using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MilleLivres.Core.Mail;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Authentication;
using SmtpServer.Storage;

namespace MilleLivres.Benchmarks;

/// <summary>
/// 1,000 delivery notices, each with a 1 MB PDF, to an SMTP server on loopback (SmtpServer, in-process, counting
/// what it receives): the app's way (one connection for the batch) against a new connection per message, on a plain
/// connection and on a relay's usual setting (STARTTLS then AUTH, <see cref="Tls"/>).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MailSendBenchmarks
{
    public const int Messages = 1000;
    private readonly CancellationTokenSource _stop = new();
    private List<MimeMessage> _messages = null!;
    private SmtpMailTransport _transport = null!;

    /// <summary>False: plain SMTP on loopback. True: STARTTLS with a self-signed certificate, then AUTH PLAIN.</summary>
    [Params(false, true)]
    public bool Tls { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_transport, var port) = LocalSmtp.Start(Tls, _stop.Token);
        var pdf = new byte[1024 * 1024];
        new Random(7).NextBytes(pdf);
        _messages = Enumerable.Range(1, Messages).Select(i => Notice(i, pdf)).ToList();
        LocalSmtp.WaitListening(port);
    }

    [GlobalCleanup]
    public void Cleanup() => _stop.Cancel();

    internal static MimeMessage Notice(int i, byte[] pdf)
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
}

/// <summary>
/// Where the time of one message goes: opening and closing a connection alone (TCP, greeting, EHLO, and with
/// <see cref="Tls"/> the STARTTLS handshake, a second EHLO and AUTH, then QUIT), against sending one 1 MB notice over an
/// open connection. 50 of each per invocation.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MailConnectionCostBenchmarks
{
    private const int Operations = 50;
    private readonly CancellationTokenSource _stop = new();
    private SmtpMailTransport _transport = null!;
    private IMailConnection _open = null!;
    private List<MimeMessage> _messages = null!;

    [Params(false, true)]
    public bool Tls { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_transport, var port) = LocalSmtp.Start(Tls, _stop.Token);
        LocalSmtp.WaitListening(port);
        var pdf = new byte[1024 * 1024];
        new Random(7).NextBytes(pdf);
        _messages = Enumerable.Range(1, Operations).Select(i => MailSendBenchmarks.Notice(i, pdf)).ToList();
        _open = _transport.ConnectAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _open.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stop.Cancel();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "envoyer un avis de 1 Mo (connexion ouverte)")]
    public async Task SendOneMegabyteNotice()
    {
        foreach (var m in _messages)
        {
            await _open.SendAsync(m, CancellationToken.None);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "ouvrir et fermer une connexion (sans message)")]
    public async Task ConnectAndQuit()
    {
        for (var i = 0; i < Operations; i++)
        {
            await using var connection = await _transport.ConnectAsync(CancellationToken.None);
        }
    }
}

/// <summary>The in-process SMTP server of the mail benchmarks, plain or STARTTLS + AUTH, and the app's transport to it.</summary>
internal static class LocalSmtp
{
    public const string User = "relais";
    public const string Password = "mot-de-passe-du-relais";

    public static (SmtpMailTransport Transport, int Port) Start(bool tls, CancellationToken stop)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b =>
            {
                b.Endpoint(new IPEndPoint(IPAddress.Loopback, port));
                if (tls)
                {
                    // As a submission relay: STARTTLS offered, AUTH only over TLS and required.
                    b.Certificate(SelfSignedCertificate()).AllowUnsecureAuthentication(false).AuthenticationRequired(true);
                }
            })
            .MaxMessageSize(16 * 1024 * 1024).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore());
        services.Add(new Authenticator());
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(stop);
        var transport = new SmtpMailTransport(Microsoft.Extensions.Options.Options.Create(new MailOptions
        {
            Host = "127.0.0.1", Port = port, Security = tls ? "StartTls" : "None", TimeoutSeconds = 60,
            UserName = tls ? User : null, Password = tls ? Password : null,
        }), tls ? (_, _, _, _) => true : null);
        return (transport, port);
    }

    /// <summary>Until the in-process server accepts a connection (not a fixed pause).</summary>
    public static void WaitListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>RSA 2048, like a relay's certificate; reloaded from PKCS#12 so SslStream can use its private key.</summary>
    private static X509Certificate2 SelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class Authenticator : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user == User && password == Password);
    }

    private sealed class CountingStore : MessageStore
    {
        public static long Received;

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref Received, buffer.Length);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
