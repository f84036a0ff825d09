namespace CloudApproval.Cases.Tests.Support;

internal static class Expect
{
    /// <summary>Asserts that the operation is refused with a <see cref="CasesException"/> and returns it.</summary>
    public static async Task<CasesException> RefusedAsync(Func<Task> operation, string? because = null)
    {
        var error = await Assert.ThrowsAsync<CasesException>(async () => await operation(), because ?? "");
        return error!;
    }
}
