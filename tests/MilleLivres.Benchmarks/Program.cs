using System.Diagnostics;
using BenchmarkDotNet.Running;
using MilleLivres.Benchmarks;

// dotnet run -c Release --project tests/MilleLivres.Benchmarks -- --filter '*'
// "profile": one timed pass of each import step, to see where the time goes (not a benchmark).
if (args is ["profile"])
{
    var rows = BenchDatabase.Rows(100_000);
    var fold = Stopwatch.StartNew();
    var total = 0;
    foreach (var r in rows)
    {
        total += MilleLivres.Core.Stock.Title.BuildSearchText(r.Isbn, r.Name, r.Authors, r.Publisher).Length;
    }
    Console.WriteLine($"fold: {fold.ElapsedMilliseconds} ms ({total})");
    var bench = new ImportBenchmarks();
    bench.Setup();
    for (var i = 0; i < 2; i++)
    {
        bench.FreshDatabase();
        var sw = Stopwatch.StartNew();
        bench.PlainLoop();
        Console.WriteLine($"plain loop: {sw.ElapsedMilliseconds} ms");
        bench.Cleanup();
        bench.FreshDatabase();
        sw.Restart();
        await bench.PreviewOnly();
        Console.WriteLine($"preview only: {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        await bench.AppImport();
        Console.WriteLine($"app import: {sw.ElapsedMilliseconds} ms");
        bench.Cleanup();
    }
    return;
}
// "profile-confirm [towns...]": one confirmation per size, with a concurrent writer measuring the write lock.
if (args is ["profile-confirm", ..])
{
    foreach (var towns in args.Length > 1 ? args[1..].Select(int.Parse) : [10, 40, 80, 160])
    {
        await WaveConfirmBenchmarks.ProfileAsync(towns);
    }
    return;
}
// "dashboard-http [requests] [wrk seconds]": issue 16's dashboard and public page on the real app, against /health.
if (args is ["dashboard-http", ..])
{
    await DashboardHttpBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200, args.Length > 2 ? int.Parse(args[2]) : 10);
    return;
}
// "wave-page [seconds]": wrk on the wave page with five confirmed 80-town waves, against /health in the same run.
if (args is ["wave-page", ..])
{
    await AppProcessModes.WavePageAsync(args.Length > 1 ? int.Parse(args[1]) : 15);
    return;
}
// "memory [towns] [VAR=value...]": the app's resident memory around a preview and a confirmation through the pages;
// extra environment variables (DOTNET_gcServer=0, ...) let two settings be compared in one run.
if (args is ["memory", ..])
{
    var towns = args.Length > 1 ? int.Parse(args[1]) : 80;
    var environment = args.Skip(2).Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1]);
    await AppProcessModes.MemoryAsync(towns, environment, environment.Count == 0 ? "as built" : string.Join(" ", args.Skip(2)));
    return;
}
// "packing-e2e [runs] [profile]": issue 12 point 5, a wave's slips through the real jobs against their pure rendering.
if (args is ["packing-e2e", ..])
{
    await PackingEndToEndBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3, args.Contains("profile"));
    return;
}
// "profile-search [rounds]": the stock list's search cases and the plain scan, alternated round by round on the
// benchmark's 50,000 titles: a ratio in the same run when BenchmarkDotNet cannot build or run on a loaded machine.
if (args is ["profile-search", ..])
{
    await StockListBenchmarks.ProfileAsync(args.Length > 1 ? int.Parse(args[1]) : 30);
    return;
}
// "providers [SERVER] [RUNS]": import and confirm timed on SQLite and PostgreSQL in one run, with the ratio (ADR 0900).
if (args is ["providers", ..])
{
    var server = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("MILLELIVRES_TEST_POSTGRES")
        ?? throw new InvalidOperationException("Give a PostgreSQL connection string (without Database) or set MILLELIVRES_TEST_POSTGRES; scripts/pg-cluster.sh start DIR prints one.");
    await ProviderComparison.RunAsync(server, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(BenchDatabase).Assembly).Run(args);
