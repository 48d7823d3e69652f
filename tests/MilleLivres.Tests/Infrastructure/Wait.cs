namespace MilleLivres.Tests.Infrastructure;

/// <summary>
/// The one way tests wait: poll an explicit condition (a row's state, an element on a reloaded page) until it holds
/// or a generous deadline passes, then hand back the last value for the test's own assertions, which say what was
/// expected. Never a fixed sleep, never network idleness. The deadline allows a cold first page on a loaded machine.
/// </summary>
public static class Wait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> says yes or the deadline passes; returns the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var pause = FirstPause;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>The same for a synchronous probe (a socket accepting connections), for callers that cannot await.</summary>
    public static T Until<T>(Func<T> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var pause = FirstPause;
        while (true)
        {
            var value = probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            Thread.Sleep(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>Until a condition holds; fails the test, naming <paramref name="what"/>, if it never does.</summary>
    public static async Task ForAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var held = await UntilAsync(condition, ok => ok, timeout);
        Assert.True(held, $"Timed out waiting for {what}.");
    }
}
