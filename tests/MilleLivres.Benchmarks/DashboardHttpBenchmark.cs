using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using MilleLivres.Web.Hosting;

namespace MilleLivres.Benchmarks;

/// <summary>
/// Issue 16's speed goals, measured on the real app (ADR 0823): 80 towns, 5 waves, 200,000 distribution rows in a
/// SQLite file; the app started on loopback as in production (no demo data, no background server); a staff account
/// signed in through the login form. Then, in one run: the server time of the staff dashboard (/Staff), of the public
/// page from its cache (/Figures) and of /health (the baseline), by sequential requests on loopback; and, when wrk is
/// installed (Debian: apt-get install wrk), the throughput of each under the same wrk settings.
/// Run: dotnet run -c Release --project tests/MilleLivres.Benchmarks -- dashboard-http [requests] [wrk seconds]
/// </summary>
public static partial class DashboardHttpBenchmark
{
    public const int Towns = 80;
    public const int Waves = 5;
    public const int DistributionRows = 200_000;
    private const string Email = "banc-essai@biblionef.demo";
    private const string Password = "banc-d-essai-tableau-de-bord-2026";

    public static async Task RunAsync(int requests, int wrkSeconds)
    {
        var folder = Path.Combine(BenchDatabase.Folder, "dashboard-app");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        Environment.SetEnvironmentVariable("Database__DataDirectory", folder);
        Environment.SetEnvironmentVariable("BackgroundJobs__RunServer", "false");
        Environment.SetEnvironmentVariable("PersonalData__RunDaily", "false");
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Production");

        var seed = Stopwatch.StartNew();
        var file = Path.Combine(folder, "millelivres.db");
        using (var db = BenchDatabase.Context(file))
        {
            await MilleLivres.Core.Data.DatabaseInitializer.MigrateAsync(db);
        }
        Seed(file);
        var created = await MilleLivres.Web.Cli.CommandLine.RunAsync(["create-user", "--email", Email, "--role", "Staff"], new StringReader(Password + "\n"), TextWriter.Null, Console.Error);
        if (created != 0)
        {
            throw new InvalidOperationException("create-user a échoué");
        }
        Console.WriteLine($"load average: {LoadAverage()}");
        Console.WriteLine($"seeded {Towns} towns, {Waves} waves, {DistributionRows:N0} distribution rows in {seed.Elapsed.TotalSeconds:0.0} s");

        const int port = 5391;
        var url = $"http://127.0.0.1:{port}";
        // The pages are compiled into MilleLivres.Web: name it, or MVC would look for them in this program.
        var app = WebApp.Build([$"--Urls={url}", "--applicationName=MilleLivres.Web"]);
        await app.StartAsync();
        try
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
            await SignInAsync(client);
            var auth = cookies.GetCookies(new Uri(url)).Single(c => c.Name == "MilleLivres.Auth");

            // /health without the cookie is the baseline the goal is judged on (issue 16); /health with the staff cookie
            // is context only: what the session check alone costs (ADR 0826).
            var cookie = $"Cookie: {auth.Name}={auth.Value}";
            using var anonymous = new HttpClient { BaseAddress = new Uri(url) };
            var results = new List<(string Label, double Median, double P95, double Cpu, long Bytes, double? Rps)>();
            foreach (var (label, path, signedIn) in new[]
            {
                ("/health", "/health", false),
                ("/health (staff cookie)", "/health", true),
                ("/Staff", "/Staff", true),
                ("/Figures", "/Figures", false),
            })
            {
                var (median, p95, cpu, bytes) = await TimeAsync(signedIn ? client : anonymous, path, requests);
                var rps = wrkSeconds > 0 ? Wrk(url + path, signedIn ? cookie : null, wrkSeconds) : null;
                results.Add((label, median, p95, cpu, bytes, rps));
            }
            Console.WriteLine();
            Console.WriteLine($"load average at the end: {LoadAverage()}");
            Console.WriteLine($"| path | median (ms) | p95 (ms) | CPU per request (ms) | bytes | wrk req/s | ratio to /health | ratio to /health (staff cookie) |");
            Console.WriteLine($"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            string Ratio(double? value, double? baseline) =>
                value is { } v && baseline is { } b && b > 0 ? (v / b).ToString("0.000", CultureInfo.InvariantCulture) : "—";
            var health = results[0].Rps;
            var healthSignedIn = results[1].Rps;
            foreach (var r in results)
            {
                Console.WriteLine($"| {r.Label} | {r.Median:0.00} | {r.P95:0.00} | {r.Cpu:0.00} | {r.Bytes} | {(r.Rps is { } x ? x.ToString("0", CultureInfo.InvariantCulture) : "—")} | {Ratio(r.Rps, health)} | {Ratio(r.Rps, healthSignedIn)} |");
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    /// <summary>Sequential GETs after a warm-up: median and 95th percentile in ms (loopback HTTP included).</summary>
    private static async Task<(double Median, double P95, double CpuMs, long Bytes)> TimeAsync(HttpClient client, string path, int requests)
    {
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }
        // The body's size (uncompressed, as wrk reads it).
        var bytes = (await client.GetByteArrayAsync(path)).LongLength;
        var times = new List<double>(requests);
        // CPU time of this process (server and client) per request: what the request costs, whatever the machine's
        // load makes it wait; the wall-clock times above include that waiting.
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < requests; i++)
        {
            var sw = Stopwatch.StartNew();
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            sw.Stop();
            response.EnsureSuccessStatusCode();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / requests;
        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Min(times.Count - 1, Math.Ceiling(times.Count * 0.95) - 1)], cpuMs, bytes);
    }

    private static double? Wrk(string url, string? header, int seconds)
    {
        const string wrk = "/usr/bin/wrk";
        if (!File.Exists(wrk))
        {
            Console.WriteLine("wrk absent (apt-get install wrk): throughput not measured");
            return null;
        }
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t2", "-c8", $"-d{seconds}s", "--timeout", "10s" })
        {
            start.ArgumentList.Add(a);
        }
        if (header is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }
        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Console.WriteLine($"wrk {new Uri(url).PathAndQuery}:");
        Console.WriteLine(output);
        if (Regex.IsMatch(output, @"Non-2xx or 3xx responses"))
        {
            throw new InvalidOperationException($"wrk: réponses en erreur sur {url}");
        }
        var match = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var page = await client.GetAsync("/Account/Login");
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"page de connexion : {page.StatusCode} vers {page.Headers.Location}");
        }
        var form = await page.Content.ReadAsStringAsync();
        var fields = new Dictionary<string, string>();
        foreach (Match input in Inputs().Matches(form))
        {
            var tag = input.Value;
            var name = Regex.Match(tag, "name=\"([^\"]+)\"");
            if (tag.Contains("type=\"hidden\"", StringComparison.Ordinal) && name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(Regex.Match(tag, "value=\"([^\"]*)\"").Groups[1].Value);
            }
        }
        fields["Input.Email"] = Email;
        fields["Input.Password"] = Password;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"connexion refusée : {response.StatusCode}");
        }
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Inputs();

    /// <summary>
    /// 80 towns in 5 waves of 16: waves 1-4 delivered and received, wave 5 dispatched with half its cartons recorded;
    /// per town 40 titles × 25 copies (25 cartons of 40), a shipment, a report of 2,500 distribution rows.
    /// </summary>
    private static void Seed(string file)
    {
        using var connection = new SqliteConnection(BenchDatabase.ConnectionString(file));
        connection.Open();
        using var tx = connection.BeginTransaction();
        var now = "2026-05-01 09:00:00";
        void Exec(string sql)
        {
            using var c = connection.CreateCommand();
            c.Transaction = tx;
            c.CommandText = sql;
            c.ExecuteNonQuery();
        }
        SqliteCommand Prepare(string sql, params string[] names)
        {
            var c = connection.CreateCommand();
            c.Transaction = tx;
            c.CommandText = sql;
            foreach (var n in names)
            {
                c.Parameters.Add(new SqliteParameter(n, null));
            }
            c.Prepare();
            return c;
        }
        long Run(SqliteCommand c, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                c.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            return Convert.ToInt64(c.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
        }

        string[] deps = ["62", "59", "93", "91", "13", "69", "83", "72", "35", "08", "95", "78", "21", "14", "33", "76", "02", "2A", "971", "974"];
        for (var t = 1; t <= Towns; t++)
        {
            var dep = deps[t % deps.Length];
            var insee = dep.Length == 3 ? $"{dep}{t % 100:00}" : $"{dep}{t:000}";
            Exec($"INSERT INTO Towns (Id, Name, InseeCode, Departement, Region, CiteEducativeName, IsVilleBanlieueMember, Status, Quota) VALUES ({t}, 'Ville {t}', '{insee}', 'Département {dep}', 'Région', 'Cité éducative {t}', 0, 'Served', 1000)");
        }
        for (var w = 1; w <= Waves; w++)
        {
            Exec($"INSERT INTO Waves (Id, Number, Name, Status) VALUES ({w}, {w}, 'Vague {w}', '{(w < Waves ? "Delivered" : "Dispatched")}')");
        }
        var bandOfTitle = new Dictionary<int, int>();
        for (var i = 1; i <= 400; i++)
        {
            var band = (i - 1) % 4 + 1;
            bandOfTitle[i] = band;
            var isbn = BenchDatabase.Isbn(900_000 + i);
            Exec($"INSERT INTO Titles (Id, AgeBandId, Authors, Genre, Isbn, Language, Name, OnHand, Publisher, Reserved, SearchText, SortKey) VALUES ({i}, {band}, 'Auteur', 'Album', '{isbn}', 'français', 'Titre {i}', 500, 'Éditeur', 100, 'titre {i}', 'titre {i:0000}')");
        }

        using var waveTown = Prepare("INSERT INTO WaveTowns (WaveId, TownId) VALUES ($w, $t)", "$w", "$t");
        using var allocation = Prepare("INSERT INTO AllocationLines (WaveId, TownId, TitleId, AgeBandId, SourceAgeBandId, Quantity, Wished) VALUES ($w, $t, $ti, $b, $b, 25, 0)", "$w", "$t", "$ti", "$b");
        using var carton = Prepare("INSERT INTO Cartons (WaveId, TownId, Number, Count, Code, CreatedAtUtc, DispatchedOn, ReceiptState, ReceivedOn, ReceiptRevision) VALUES ($w, $t, $n, 25, $code, $now, NULL, $state, $on, 0) RETURNING Id",
            "$w", "$t", "$n", "$code", "$now", "$state", "$on");
        using var cartonLine = Prepare("INSERT INTO CartonLines (CartonId, TitleId, AgeBandId, Quantity) VALUES ($c, $ti, $b, 1)", "$c", "$ti", "$b");
        using var shipment = Prepare("INSERT INTO Shipments (WaveId, TownId, DispatchedOn, ExpectedOn, ExpectedDateChanges, DispatchedAtUtc, DispatchedBy, ReceivedOn, RemindersPaused) VALUES ($w, $t, '2026-03-01', '2026-03-05', 0, $now, 'banc', $on, 0)",
            "$w", "$t", "$now", "$on");
        using var report = Prepare("INSERT INTO DistributionReports (WaveId, TownId, State, Revision) VALUES ($w, $t, 0, 0) RETURNING Id", "$w", "$t");
        using var row = Prepare("INSERT INTO DistributionRows (ReportId, Date, PlaceKind, PlaceName, AgeBandId, ChildrenReached, BooksHandedOut, SubmissionKey, RecordedAtUtc, RecordedBy) VALUES ($r, '2026-03-20', 1, 'École', $b, $children, $books, $key, $now, 'banc')",
            "$r", "$b", "$children", "$books", "$key", "$now");
        var random = new Random(16);
        var rowsPerTown = DistributionRows / Towns;
        for (var t = 1; t <= Towns; t++)
        {
            var w = (t - 1) % Waves + 1;
            Run(waveTown, w, t);
            var titles = Enumerable.Range(0, 40).Select(k => (t * 7 + k * 10) % 400 + 1).Distinct().ToList();
            foreach (var ti in titles)
            {
                Run(allocation, w, t, ti, bandOfTitle[ti]);
            }
            var received = w < Waves ? "2026-03-05" : null;
            for (var n = 1; n <= 25; n++)
            {
                var recorded = w < Waves || n <= 12;
                var id = Run(carton, w, t, n, $"B{w}-{t:000}-{n:00}", now, recorded ? 1 : 0, recorded ? "2026-03-05" : null);
                foreach (var ti in titles)
                {
                    Run(cartonLine, id, ti, bandOfTitle[ti]);
                }
            }
            Run(shipment, w, t, now, received);
            var reportId = Run(report, w, t);
            for (var i = 0; i < rowsPerTown; i++)
            {
                Run(row, reportId, i % 4 + 1, random.Next(1, 30), random.Next(0, 5), Guid.NewGuid().ToString("N"), now);
            }
        }
        tx.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }
}
