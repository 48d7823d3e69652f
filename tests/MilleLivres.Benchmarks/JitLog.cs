using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace MilleLivres.Benchmarks;

/// <summary>Diagnostic (MILLELIVRES_BENCH_JITLOG=1): which methods the runtime JIT-compiles, grouped by namespace.</summary>
internal sealed class JitLog : EventListener
{
    public static readonly ConcurrentDictionary<string, int> Methods = new();
    public static volatile bool On;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!On || e.EventName is not "MethodLoadVerbose_V2" and not "MethodLoadVerbose_V1" and not "MethodLoadVerbose" || e.Payload is null)
        {
            return;
        }
        var ns = e.PayloadNames!.IndexOf("MethodNamespace") is var i and >= 0 ? e.Payload[i]?.ToString() ?? "" : "";
        var name = e.PayloadNames!.IndexOf("MethodName") is var j and >= 0 ? e.Payload[j]?.ToString() ?? "" : "";
        Methods.AddOrUpdate(ns.Length > 90 ? ns[..90] : ns, 1, (_, n) => n + 1);
        _ = name;
    }

    public static void Print(string label)
    {
        Console.WriteLine($"  JIT log {label}: {Methods.Values.Sum()} methods");
        foreach (var (ns, n) in Methods.OrderByDescending(kv => kv.Value).Take(30))
        {
            Console.WriteLine($"    {n,6} {ns}");
        }
        Methods.Clear();
    }
}
