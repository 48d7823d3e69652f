using System.Diagnostics;
using MilleLivres.Core.Data;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using MilleLivres.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Benchmarks;

/// <summary>
/// Issue 12 point 5: packing a wave end to end against the pure rendering of the same slips, in the same run.
/// One data set: 50,000 titles, a wave of 80 towns × 1000 books confirmed through WavePlanning.ConfirmAsync, each town
/// with a delivery address and a coordinator (kept between runs as a template, keyed by the migrations).
/// The template is copied and the app started once in this process (WebApp.Build: the app's DI, its Hangfire server with
/// WorkerCount = 2, no HTTP involved); each run, on that running app:
/// (b) the real path: WavePacking.RequestSlipsAsync (what the packing page's "produce" form calls) → the work rows →
///     the jobs → the moment the last town's document is stored (the latest GeneratedDocument.CreatedAtUtc);
/// (a) the pure rendering: the same 80 slip models, read once beforehand, rendered by the app's PackingSlipRenderer,
///     2 in parallel (as the job server runs them).
/// "packing-e2e [runs] [profile]": profile adds one sequential pass over the towns on a fresh copy, timing each step.
/// </summary>
public static class PackingEndToEndBenchmark
{
    public const int Towns = 80;

    public static async Task RunAsync(int runs, bool profile)
    {
        var (template, waveId) = await TemplateAsync();
        var results = new List<(double Real, double Pure, double RealCpu, double PureCpu, string Load)>();
        // One app for every run, as in production: an app is started once and packs wave after wave. Between runs the
        // wave's cartons, slips and work rows are deleted, so each run packs it as the first time (until 2026-11-28 each
        // run started a new host in this process). Run 1 compiles the jobs path for the first time (about 9,600
        // methods), run 2 recompiles what run 1 made hot at the runtime's second tier (1,600-2,400 methods, about 2 s of
        // CPU); from run 3 on the code is compiled, as the pure rendering's is. The goal is judged on runs 3 and later,
        // runs 1 and 2 are printed as what the first two packings after a start cost (ADR 0527 point 12).
        var data = FreshCopy(template, "packing-e2e");
        await using var app = await StartAsync(data);
        var renderer = app.Services.GetRequiredService<PackingSlipRenderer>();
        // Both paths start warm: the renderer and fonts loaded, the code of the layout compiled.
        renderer.Render(SlipData.Slip(1));
        for (var run = 1; run <= runs; run++)
        {
            if (run > 1)
            {
                await ForgetPackingAsync(app.Services, waveId);
            }
            await SettleStartUpJitAsync();
            var load = Load();

            // The process's CPU time beside the wall clock: the other engineers' load moves the wall clock of each
            // path by 2× from one minute to the next, far less the CPU this process spends on it.
            var cpu = CpuSeconds();
            var jit = Jit();
            using var jitLog = Environment.GetEnvironmentVariable("MILLELIVRES_BENCH_JITLOG") == "1" ? new JitLog() : null;
            JitLog.On = jitLog is not null;
            var real = await RealPathAsync(app.Services, waveId);
            JitLog.On = false;
            if (jitLog is not null)
            {
                JitLog.Print($"run {run}, through the jobs");
            }
            var realCpu = CpuSeconds() - cpu;
            var realJit = Jit() - jit;
            var slips = await ReadSlipsAsync(app.Services, waveId);
            cpu = CpuSeconds();
            jit = Jit();
            var pure = PureRendering(renderer, slips);
            var pureCpu = CpuSeconds() - cpu;
            var pureJit = Jit() - jit;
            Console.WriteLine($"  JIT: through the jobs {realJit}, pure rendering {pureJit}");
            results.Add((real.TotalSeconds, pure.TotalSeconds, realCpu, pureCpu, load));
            Console.WriteLine($"run {run}{(run == 1 ? " (cold: the app's first packing)" : "")}: through the jobs {real.TotalSeconds:F2} s " +
                $"({realCpu:F2} s CPU), pure rendering {pure.TotalSeconds:F2} s ({pureCpu:F2} s CPU), ratio {real / pure:F2}, CPU ratio {realCpu / pureCpu:F2} " +
                $"(load before the run {load}, after {Load()})");
        }
        await app.StopAsync();
        Console.WriteLine();
        Console.WriteLine("| run | through the jobs (s) | pure rendering (s) | ratio | CPU through the jobs (s) | CPU pure rendering (s) | CPU ratio | load average (1, 5, 15 min) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            Console.WriteLine($"| {i + 1}{(i == 0 ? " (cold)" : i == 1 ? " (second)" : "")} | {r.Real:F2} | {r.Pure:F2} | {r.Real / r.Pure:F2} | {r.RealCpu:F2} | {r.PureCpu:F2} | {r.RealCpu / r.PureCpu:F2} | {r.Load} |");
        }
        // Runs 1 and 2 are reported apart, not dropped: they are what the first two packings after a start cost (the
        // runtime compiling the jobs path, then recompiling it at its second tier). The goal is read on runs 3 and later.
        string Ratios(IEnumerable<(double Real, double Pure, double RealCpu, double PureCpu, string Load)> rows) =>
            $"{string.Join(", ", rows.Select(r => (r.Real / r.Pure).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} " +
            $"(CPU {string.Join(", ", rows.Select(r => (r.RealCpu / r.PureCpu).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})";
        Console.WriteLine($"first packing {Ratios(results.Take(1))}" +
            (results.Count > 1 ? $"; second {Ratios(results.Skip(1).Take(1))}" : "") +
            (results.Count > 2 ? $"; steady (runs 3-{results.Count}) {Ratios(results.Skip(2))}, highest {results.Skip(2).Max(r => r.Real / r.Pure):F2}" : ""));
        if (profile)
        {
            await ProfileAsync(template, waveId);
        }
    }

    /// <summary>From the service call to the time the last town's document was stored, all rows done.</summary>
    private static async Task<TimeSpan> RealPathAsync(IServiceProvider services, int waveId)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var towns = await scope.ServiceProvider.GetRequiredService<WavePacking>().RequestSlipsAsync(waveId);
            if (towns != Towns)
            {
                throw new InvalidOperationException($"{towns} towns asked for, {Towns} expected");
            }
        }
        var group = PackingSlipWork.Group(waveId);
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var progress = await scope.ServiceProvider.GetRequiredService<WorkQueue>().ProgressAsync(group);
            if (progress.Failed > 0)
            {
                throw new InvalidOperationException($"a slip failed: {progress.Failures[0].Error}");
            }
            if (progress.IsFinished)
            {
                var documents = await db.GeneratedDocuments.AsNoTracking()
                    .Where(d => d.Kind == PackingSlipWork.DocumentKind && d.WaveId == waveId).Select(d => d.CreatedAtUtc).ToListAsync();
                if (documents.Count != Towns)
                {
                    throw new InvalidOperationException($"{documents.Count} documents stored, {Towns} expected");
                }
                var jobs = await db.WorkItems.AsNoTracking().Where(w => w.Group == group)
                    .Select(w => new { Started = w.StartedAtUtc!.Value, Finished = w.FinishedAtUtc!.Value }).ToListAsync();
                var busy = jobs.Sum(j => (j.Finished - j.Started).TotalSeconds);
                Console.WriteLine($"  jobs: first started {(jobs.Min(j => j.Started) - started).TotalSeconds:F2} s after the request, " +
                    $"{busy:F1} s of job time in all ({busy / jobs.Count * 1000:F0} ms a job, {busy / (jobs.Max(j => j.Finished) - started).TotalSeconds:F2} jobs running on average)");
                // The stored time of the last document, not the moment this loop noticed it.
                return documents.Max() - started;
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("the slips were not all stored within 10 minutes");
            }
            await Task.Delay(50);
        }
    }

    private static async Task<IReadOnlyList<PackingSlipModel>> ReadSlipsAsync(IServiceProvider services, int waveId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var source = scope.ServiceProvider.GetRequiredService<IPackingSlipSource>();
        var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == waveId).OrderBy(t => t.TownId).Select(t => t.TownId).ToListAsync();
        var slips = new List<PackingSlipModel>();
        foreach (var town in towns)
        {
            // The cartons exist (the real path made them): this only reads.
            slips.Add(await source.BuildAsync(waveId, town, CancellationToken.None));
        }
        return slips;
    }

    /// <summary>
    /// The wave as before its first packing: its slips' work rows, stored slips, cartons and carton lines deleted (the
    /// allocation, the audit trail and everything else kept), then the write-ahead log emptied, so each run writes
    /// the same rows into the same state of the files.
    /// </summary>
    private static async Task ForgetPackingAsync(IServiceProvider services, int waveId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "CartonLines" WHERE "CartonId" IN (SELECT "Id" FROM "Cartons" WHERE "WaveId" = {0})""", waveId);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Cartons" WHERE "WaveId" = {0}""", waveId);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "GeneratedDocuments" WHERE "Kind" = {0} AND "WaveId" = {1}""", PackingSlipWork.DocumentKind, waveId);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "WorkItems" WHERE "Group" = {0}""", PackingSlipWork.Group(waveId));
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        if (await db.Cartons.AnyAsync(c => c.WaveId == waveId) || await db.WorkItems.AnyAsync(w => w.Group == PackingSlipWork.Group(waveId)))
        {
            throw new InvalidOperationException("the wave's packing was not forgotten");
        }
    }

    private static TimeSpan PureRendering(PackingSlipRenderer renderer, IReadOnlyList<PackingSlipModel> slips)
    {
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        Parallel.ForEach(slips, new ParallelOptions { MaxDegreeOfParallelism = 2 }, slip => Interlocked.Add(ref bytes, renderer.Render(slip).Length));
        var elapsed = clock.Elapsed;
        return bytes > 0 ? elapsed : throw new InvalidOperationException("nothing rendered");
    }

    /// <summary>
    /// One pass over the towns, one after the other, each step of the job timed: the slip built with the town's cartons
    /// made (as the job: IPackingSlipSource.BuildAsync), the rendering, the document stored.
    /// </summary>
    private static async Task ProfileAsync(string template, int waveId)
    {
        var data = FreshCopy(template, "packing-e2e-profile");
        await using var app = await StartAsync(data, runJobs: false);
        var renderer = app.Services.GetRequiredService<PackingSlipRenderer>();
        renderer.Render(SlipData.Slip(1));
        List<int> towns;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            towns = await scope.ServiceProvider.GetRequiredService<AppDbContext>().WaveTowns.AsNoTracking()
                .Where(t => t.WaveId == waveId).OrderBy(t => t.TownId).Select(t => t.TownId).ToListAsync();
        }
        // Wall clock and the process's CPU time of each step (the job server is off: the process does only this).
        var steps = new[] { "cartons made, slip read", "render", "document stored" }.ToDictionary(s => s, _ => (Wall: TimeSpan.Zero, Cpu: 0.0));
        var total = Stopwatch.StartNew();
        var sw = new Stopwatch();
        var cpu = 0.0;
        void Start()
        {
            cpu = CpuSeconds();
            sw.Restart();
        }
        void Stop(string step) => steps[step] = (steps[step].Wall + sw.Elapsed, steps[step].Cpu + CpuSeconds() - cpu);
        foreach (var town in towns)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            Start();
            // What the job does: the slip source makes the town's cartons (CartonPlanner.EnsureForSlipAsync) and builds
            // the slip from them and from the allocation read once.
            var slip = await sp.GetRequiredService<IPackingSlipSource>().BuildAsync(waveId, town, CancellationToken.None);
            Stop("cartons made, slip read");
            Start();
            var pdf = renderer.Render(slip);
            Stop("render");
            Start();
            await sp.GetRequiredService<DocumentStore>().SaveAsync(PackingSlipWork.DocumentKind, PackingSlipWork.OwnerKey(waveId, town), waveId, town,
                PackingSlipWork.FileName(slip), pdf);
            Stop("document stored");
        }
        Console.WriteLine();
        Console.WriteLine($"profile: {towns.Count} towns one after the other in {total.Elapsed.TotalSeconds:F2} s (load {Load()})");
        foreach (var (step, (wall, stepCpu)) in steps)
        {
            Console.WriteLine($"  {step,-24} {wall.TotalSeconds,7:F2} s  {wall.TotalMilliseconds / towns.Count,7:F1} ms a town  (CPU {stepCpu * 1000 / towns.Count,6:F1} ms a town)");
        }
        await app.StopAsync();
    }

    private static async Task<AppHost> StartAsync(string dataDirectory, bool runJobs = true)
    {
        // The pages are compiled into MilleLivres.Web: name it, or MVC would look for them in this program.
        var app = WebApp.Build([
            "--applicationName=MilleLivres.Web",
            "--environment=Production",
            "--Urls=http://127.0.0.1:0",
            $"--Database:DataDirectory={dataDirectory}",
            $"--BackgroundJobs:RunServer={runJobs}",
            "--PersonalData:RunDaily=false",
            // The app logs one line per job at Information; the console of a benchmark is not the place.
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        return new AppHost(app);
    }

    private sealed class AppHost(Microsoft.AspNetCore.Builder.WebApplication app) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;

        public Task StopAsync() => app.StopAsync();

        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    private static string FreshCopy(string template, string name)
    {
        var folder = Path.Combine(BenchDatabase.Folder, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        File.Copy(template, Path.Combine(folder, Core.Options.DatabaseOptions.DefaultFileName));
        return folder;
    }

    /// <summary>The seeded and confirmed wave, made once per set of migrations (seeding takes a minute or more here).</summary>
    private static async Task<(string File, int WaveId)> TemplateAsync()
    {
        var migrations = string.Join(",", typeof(AppDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))).Select(t => t.Name).Order());
        var template = Path.Combine(Path.GetDirectoryName(BenchDatabase.Folder)!,
            $"packing-e2e-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(migrations)))[..12]}.db");
        if (File.Exists(template) && File.Exists(template + ".wave"))
        {
            Console.WriteLine($"// reusing {template}");
            return (template, int.Parse(File.ReadAllText(template + ".wave"), System.Globalization.CultureInfo.InvariantCulture));
        }
        var seed = Stopwatch.StartNew();
        var (file, waveId) = WaveConfirmBenchmarks.CreateWaveDatabase("packing-e2e", Towns, seed: 42);
        await using (var db = BenchDatabase.Context(file))
        {
            foreach (var town in await db.Towns.ToListAsync())
            {
                town.SetDeliveryAddress(new DeliveryAddress("Collège Louise-Michel", "1 rue de l'Église", "76800", town.Name, "Quai de livraison côté gymnase, de 8 h à 12 h."));
                town.SetCoordinatorContact(new Contact("Coordination de mesure", "coordination@cite-educative.test", "01 00 00 00 00"));
            }
            await db.SaveChangesAsync();
        }
        await using (var db = BenchDatabase.Context(file))
        {
            var result = await WaveConfirmBenchmarks.Planning(db).ConfirmAsync(waveId, [], acceptShortfall: true);
            Console.WriteLine($"// wave {waveId}: {result.Towns.Sum(t => t.Allocated)} books confirmed for {result.Towns.Count} towns");
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        SqliteConnection.ClearAllPools();
        File.Copy(file, template, overwrite: true);
        File.WriteAllText(template + ".wave", waveId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
        Console.WriteLine($"// seeded in {seed.Elapsed.TotalSeconds:F0} s");
        return (template, waveId);
    }

    /// <summary>
    /// Waits for the runtime to finish compiling in the background. After the host's start (its DI container, EF Core
    /// model, migrations check, MVC, Data Protection keys) the tiered JIT recompiles the start-up code that ran often
    /// (EF Core's model building, the migrations differ, …) on its background thread after a delay, which fell inside
    /// the timed jobs path: 1,800-3,800 methods and 1.6-2.6 s of CPU (ADR 0527 point 9). An app started once pays this
    /// right after its start, not during a packing; between two packings it is as quiet. The same wait precedes every
    /// run; the JIT each path does is printed, the JIT of the packing path itself stays in its time.
    /// </summary>
    private static async Task SettleStartUpJitAsync()
    {
        var clock = Stopwatch.StartNew();
        var start = Jit();
        var last = start.Methods;
        var quiet = 0;
        while (quiet < 4 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now - last <= 2 ? quiet + 1 : 0;
            last = now;
        }
        Console.WriteLine($"  background JIT settled in {clock.Elapsed.TotalSeconds:F1} s ({Jit() - start})");
    }

    /// <summary>The runtime's JIT activity (all threads): methods compiled and the time spent compiling them.</summary>
    private readonly record struct JitCount(long Methods, TimeSpan Time)
    {
        public static JitCount operator -(JitCount a, JitCount b) => new(a.Methods - b.Methods, a.Time - b.Time);

        public override string ToString() => $"{Methods} methods compiled in {Time.TotalSeconds:F2} s";
    }

    private static JitCount Jit() => new(System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ') is var l ? $"{l[0]} {l[1]} {l[2]}" : "";
}
