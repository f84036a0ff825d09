using System.Diagnostics;

namespace CloudApproval.Web.Tests.Support;

/// <summary>Waits for real-time effects by polling, never by a fixed sleep.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : struct
    {
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (watch.Elapsed > limit) Assert.Fail($"gave up after {limit.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(100);
        }
    }
}
