using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace MilleLivres.Benchmarks;

/// <summary>
/// The real app (the Release build of MilleLivres.Web, run with <c>dotnet</c>) as its own process on a loopback port,
/// on a data folder prepared by a benchmark, in Production (nothing seeded): what wrk and the memory figures measure.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    public const string StaffEmail = "mesure@biblionef.test";
    public const string StaffPassword = "mesure-millelivres-2026";

    private readonly Process _process;
    private readonly StreamWriter _log;

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;

    private AppProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    /// <summary>src/MilleLivres.Web/bin/Release/net10.0/MilleLivres.Web.dll, built by the solution's Release build.</summary>
    public static string WebDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MilleLivres.sln")))
        {
            dir = dir.Parent;
        }
        if (dir is null)
        {
            throw new InvalidOperationException("MilleLivres.sln not found above " + AppContext.BaseDirectory);
        }
        var dll = Path.Combine(dir.FullName, "src", "MilleLivres.Web", "bin", "Release", "net10.0", "MilleLivres.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} missing: run `dotnet build MilleLivres.sln -c Release` first");
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WebDll());
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }

    /// <summary>Creates the staff account with the app's own <c>create-user</c> verb, then starts the app and waits for <c>/health</c>.</summary>
    public static async Task<AppProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= new Dictionary<string, string>();
        using (var create = Process.Start(StartInfo(dataDirectory, environment, "create-user", "--email", StaffEmail, "--role", "Staff", "--name", "Mesure"))!)
        {
            await create.StandardInput.WriteLineAsync(StaffPassword);
            create.StandardInput.Close();
            var output = await create.StandardOutput.ReadToEndAsync() + await create.StandardError.ReadToEndAsync();
            await create.WaitForExitAsync();
            if (create.ExitCode != 0)
            {
                throw new InvalidOperationException($"create-user exited with {create.ExitCode}: {output}");
            }
        }
        var port = FreePort();
        var env = new Dictionary<string, string>(environment) { ["Urls"] = $"http://127.0.0.1:{port}" };
        var process = Process.Start(StartInfo(dataDirectory, env))!;
        var log = new StreamWriter(Path.Combine(dataDirectory, "app.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, log, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the app exited with {process.ExitCode}; see {Path.Combine(dataDirectory, "app.log")}");
            }
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("the app did not answer /health within 5 minutes");
            }
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client signed in as staff through the real sign-in form (cookies kept, redirects not followed).</summary>
    public async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
        var response = await PostFormAsync(client, "/Account/Login", "form", new Dictionary<string, string>
        {
            ["Input.Email"] = StaffEmail,
            ["Input.Password"] = StaffPassword,
        });
        if (response.StatusCode != HttpStatusCode.Redirect || !cookies.GetCookieHeader(BaseAddress).Contains("MilleLivres.Auth=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        }
        return (client, cookies);
    }

    /// <summary>GETs <paramref name="path"/>, takes the hidden fields of the form matching <paramref name="formSelector"/> (its id, or "form" for the first), adds <paramref name="fields"/>, posts it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formSelector, IReadOnlyDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(path);
        var start = formSelector == "form" ? html.IndexOf("<form method=\"post\"", StringComparison.Ordinal) : html.IndexOf($"id=\"{formSelector}\"", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"no form {formSelector} on {path}");
        }
        var formStart = html.LastIndexOf("<form", start + "<form".Length - 1, StringComparison.Ordinal);
        var formHtml = html[formStart..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var action = ActionPattern().Match(formHtml) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : path;
        var form = new Dictionary<string, string>();
        foreach (Match input in InputPattern().Matches(formHtml))
        {
            if (input.Value.Contains("type=\"hidden\"", StringComparison.Ordinal)
                && NamePattern().Match(input.Value) is { Success: true } name && ValuePattern().Match(input.Value) is { Success: true } value)
            {
                form[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex(" name=\"([^\"]*)\"")]
    private static partial Regex NamePattern();

    [GeneratedRegex(" value=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();

    /// <summary>The process's resident memory (VmRSS of /proc/PID/status), in MB.</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        throw new InvalidOperationException("no VmRSS");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
