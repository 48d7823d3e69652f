using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/MilleLivres.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MilleLivres.Benchmarks.BenchDatabase).Assembly).Run(args);
