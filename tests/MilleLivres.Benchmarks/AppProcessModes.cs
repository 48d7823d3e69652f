using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace MilleLivres.Benchmarks;

/// <summary>
/// Modes that run the real app as a process (<see cref="AppProcess"/>): the wave page's throughput against
/// <c>/health</c> under wrk (issue 12 point 3), and the app's resident memory around an 80-town preview and
/// confirmation (point 7).
/// </summary>
public static partial class AppProcessModes
{
    private static string DataDirectory(string name)
    {
        var folder = Path.Combine(BenchDatabase.Folder, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Moves a benchmark database (checkpointed, pools cleared) to where the app looks for it.</summary>
    private static void MoveInto(string file, string dataDirectory)
    {
        SqliteConnection.ClearAllPools();
        File.Move(file, Path.Combine(dataDirectory, Core.Options.DatabaseOptions.DefaultFileName));
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ') is var l ? $"{l[0]} {l[1]} {l[2]}" : "";

    /// <summary>
    /// "wave-page [seconds]": 50,000 titles, five waves of 80 towns confirmed through <see cref="Core.Allocation.WavePlanning"/>
    /// (400,000 books), the app started on that file, signed in as staff, then wrk on <c>/health</c> and on the fifth
    /// wave's page, alternately, twice each, with the same connections and threads.
    /// </summary>
    public static async Task WavePageAsync(int seconds)
    {
        const int towns = 80;
        const int waves = 5;
        var data = DataDirectory("wave-page");
        // Seeding takes minutes on this machine: kept between runs, keyed by the migrations it was made with.
        var migrations = string.Join(",", typeof(Core.Data.AppDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))).Select(t => t.Name).Order());
        var template = Path.Combine(Path.GetDirectoryName(BenchDatabase.Folder)!, $"wave-page-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(migrations)))[..12]}.db");
        IReadOnlyList<int> waveIds;
        if (File.Exists(template) && File.Exists(template + ".waves"))
        {
            waveIds = File.ReadAllText(template + ".waves").Split(',').Select(int.Parse).ToList();
            Console.WriteLine($"// reusing {template}");
        }
        else
        {
            var seed = Stopwatch.StartNew();
            (var file, waveIds) = WaveConfirmBenchmarks.CreateWavesDatabase("wave-page", towns, waves, seed: 42, maxCopies: 16);
            foreach (var waveId in waveIds)
            {
                await using var db = BenchDatabase.Context(file);
                var result = await WaveConfirmBenchmarks.Planning(db).ConfirmAsync(waveId, [], acceptShortfall: true);
                Console.WriteLine($"// wave {waveId}: {result.Towns.Sum(t => t.Allocated)} books confirmed");
            }
            await using (var db = BenchDatabase.Context(file))
            {
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            SqliteConnection.ClearAllPools();
            File.Copy(file, template, overwrite: true);
            File.WriteAllText(template + ".waves", string.Join(",", waveIds));
            File.Delete(file);
            Console.WriteLine($"// seeded in {seed.Elapsed.TotalSeconds:F0} s");
        }
        File.Copy(template, Path.Combine(data, Core.Options.DatabaseOptions.DefaultFileName));

        await using var app = await AppProcess.StartAsync(data);
        var (client, cookies) = await app.SignInAsync();
        var page = $"/Staff/Waves/Details/{waveIds[^1]}";
        var check = await client.GetAsync(page);
        var html = await check.Content.ReadAsStringAsync();
        if (check.StatusCode != HttpStatusCode.OK || !html.Contains("Avancement de la distribution", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{page}: {(int)check.StatusCode}, not the wave page with its progress");
        }
        File.WriteAllText(Path.Combine(data, "wave-page.html"), html);
        Console.WriteLine($"// {page}: {html.Length / 1024.0:F0} KB of HTML, kept in {Path.Combine(data, "wave-page.html")}");
        var cookie = cookies.GetCookieHeader(app.BaseAddress);
        var rates = new Dictionary<string, List<double>> { ["/health"] = [], [page] = [] };
        for (var round = 0; round < 2; round++)
        {
            foreach (var path in new[] { "/health", page })
            {
                var (rate, errors, load) = await WrkAsync(new Uri(app.BaseAddress, path), cookie, seconds);
                rates[path].Add(rate);
                Console.WriteLine($"{path,-22} {rate,10:F1} req/s  non-2xx {errors}  load {load}");
            }
        }
        var health = rates["/health"].Average();
        var wave = rates[page].Average();
        Console.WriteLine($"wave page / health: {wave:F1} / {health:F1} = {wave / health:F3} (goal >= 0.3)");
    }

    /// <summary>wrk with 2 threads and 16 connections for <paramref name="seconds"/>, after a 3 s warm-up.</summary>
    private static async Task<(double Rate, int Errors, string Load)> WrkAsync(Uri url, string cookie, int seconds)
    {
        await RunWrkAsync(url, cookie, 3);
        var load = Load();
        var output = await RunWrkAsync(url, cookie, seconds);
        var rate = double.Parse(RatePattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = ErrorsPattern().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return (rate, errors, load);
    }

    private static async Task<string> RunWrkAsync(Uri url, string cookie, int seconds)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-t2", "-c16", $"-d{seconds}s", "-H", $"Cookie: {cookie}", url.ToString() })
        {
            info.ArgumentList.Add(a);
        }
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk missing: apt-get install -y wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return wrk.ExitCode == 0 ? output : throw new InvalidOperationException($"wrk exited with {wrk.ExitCode}: {await wrk.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex ErrorsPattern();

    /// <summary>
    /// "memory [towns]": 50,000 titles and one wave of 80 towns in planning; the app started on that file; its
    /// resident memory idle, after the plan preview and after the confirmation through the page (the forms a user
    /// posts), each read 10 s after the request returned.
    /// </summary>
    public static async Task MemoryAsync(int towns, IReadOnlyDictionary<string, string> environment, string label)
    {
        var data = DataDirectory("memory");
        var (file, waveId) = WaveConfirmBenchmarks.CreateWaveDatabase("memory", towns, seed: 42);
        MoveInto(file, data);
        await using var app = await AppProcess.StartAsync(data, environment);
        var (client, _) = await app.SignInAsync();
        (await client.GetAsync("/Staff/Waves")).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idle = app.ResidentMegabytes();
        var sw = Stopwatch.StartNew();
        var preview = await client.GetAsync($"/Staff/Waves/Plan/{waveId}");
        preview.EnsureSuccessStatusCode();
        var previewTime = sw.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var afterPreview = app.ResidentMegabytes();
        sw.Restart();
        var confirm = await AppProcess.PostFormAsync(client, $"/Staff/Waves/Plan/{waveId}", "confirmer", new Dictionary<string, string>
        {
            ["Input.AcceptShortfall"] = "true",
        });
        if (confirm.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"confirmation: {(int)confirm.StatusCode}");
        }
        var confirmTime = sw.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var afterConfirm = app.ResidentMegabytes();
        Console.WriteLine($"{label}: idle {idle:F0} MB, after preview {afterPreview:F0} MB ({previewTime.TotalSeconds:F1} s), " +
            $"after confirm {afterConfirm:F0} MB ({confirmTime.TotalSeconds:F1} s); load {Load()}");
    }
}
