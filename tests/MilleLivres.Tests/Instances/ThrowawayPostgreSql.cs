using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MilleLivres.Tests.Instances;

/// <summary>
/// A PostgreSQL cluster of its own for a test class: Debian's server binaries (<c>/usr/lib/postgresql/N/bin</c>),
/// <c>initdb</c> in a temporary folder (as the <c>postgres</c> user when the tests run as root: initdb refuses root),
/// listening on a free loopback port with trust authentication, stopped and deleted at the end.
/// </summary>
public sealed class ThrowawayPostgreSql : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "millelivres-pg-" + Guid.NewGuid().ToString("N"));
    private string _bin = string.Empty;

    public int Port { get; private set; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false;Timeout=30;Command Timeout=120";

    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault() ?? string.Empty
            : string.Empty;
        Assert.True(_bin.Length > 0, "PostgreSQL server binaries not found under /usr/lib/postgresql: apt-get install postgresql");
        Directory.CreateDirectory(_folder);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", _folder);
        }
        await RunAsync(Path.Combine(_bin, "initdb"), "-D", Path.Combine(_folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
        Port = FreePort();
        await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "log"), "-w", "-t", "120",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off", "start");
    }

    public async Task DisposeAsync()
    {
        if (_bin.Length > 0 && Directory.Exists(Path.Combine(_folder, "data")))
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes it.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.UserName == "root" && program != "chown" ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (start.FileName == "runuser")
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
    }
}
