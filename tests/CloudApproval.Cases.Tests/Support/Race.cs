namespace CloudApproval.Cases.Tests.Support;

/// <summary>Runs operations on thread-pool threads released together, so they really overlap.</summary>
internal static class Race
{
    /// <summary>Each operation's exception, or null where it succeeded.</summary>
    public static async Task<Exception?[]> RunAsync(params Func<Task>[] operations)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = operations.Select(op => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await op();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(running);
    }
}
