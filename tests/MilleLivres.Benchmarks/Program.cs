using BenchmarkDotNet.Running;

namespace MilleLivres.Benchmarks;

public static class Program
{
    // dotnet run -c Release --project tests/MilleLivres.Benchmarks -- --filter '*'
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
