using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MilleLivres.Core.Allocation;

namespace MilleLivres.Benchmarks;

/// <summary>
/// Allocating a wave: every town has a quota of 1000 books split over four bands by random children counts and wishes
/// 20 titles; each title has 1 to 6 free copies (3.5 on average) and a donation date within three years.
/// The goal is 80 towns × 1000 books from 50,000 titles in under a second; the grid shows how time grows with towns
/// and with titles. With 10,000 titles (about 35,000 copies) the stock runs out and every band ends in shortfall.
/// </summary>
[Config(typeof(ShortInProcess))]
[MemoryDiagnoser]
public class WaveAllocationBenchmarks
{
    private static readonly int[] Bands = [1, 2, 3, 4];
    private AllocationRequest _request = null!;

    [Params(20, 80, 160)]
    public int Towns { get; set; }

    [Params(10_000, 50_000, 100_000)]
    public int Titles { get; set; }

    [GlobalSetup]
    public void Setup() => _request = BuildRequest(Towns, Titles, seed: 42);

    [Benchmark]
    public AllocationResult Allocate() => WaveAllocator.Allocate(_request);

    public static AllocationRequest BuildRequest(int towns, int titles, int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2022, 1, 1);
        var stock = Enumerable.Range(1, titles)
            .Select(id => new StockLine(id, Bands[random.Next(Bands.Length)], random.Next(1, 7), start.AddDays(random.Next(3 * 365))))
            .ToList();
        var townList = Enumerable.Range(1, towns)
            .Select(id => AllocationTown.WithQuota(
                id * 13,
                QuotaSplit.DefaultQuota,
                Bands,
                Bands.ToDictionary(b => b, _ => random.Next(0, 400)),
                Enumerable.Range(0, 20).Select(_ => random.Next(1, titles + 1)).Distinct().ToList()))
            .ToList();
        return new AllocationRequest(Bands, townList, stock);
    }

    /// <summary>
    /// One launch, three warm-up and three measured iterations, in the host process (no separate build): a few minutes
    /// for the whole grid on the shared two-core machine.
    /// </summary>
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}
