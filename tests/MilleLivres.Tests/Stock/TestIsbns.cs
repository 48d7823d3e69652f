using MilleLivres.Core.Stock;

namespace MilleLivres.Tests.Stock;

/// <summary>Valid, distinct ISBN-13s for test data (979-10 prefix, a counter, the right check digit).</summary>
internal static class TestIsbns
{
    private static int _next = 1000;

    public static string Next()
    {
        var n = Interlocked.Increment(ref _next);
        var body = $"97910{n:0000000}";
        return body + Isbn.Isbn13CheckDigit(body);
    }
}
