using System.Diagnostics;

namespace CloudApproval.Cases.Tests.Support;

/// <summary>Waits for real-time effects (Hangfire firing a timer) by polling, never by a fixed sleep.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Polls every 100 ms until <paramref name="probe"/> returns a value, or fails the test after the timeout.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (watch.Elapsed > limit) Assert.Fail($"gave up after {limit.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(100);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        await UntilAsync<object>(async () => await probe() ? new object() : null, what, timeout);
}
