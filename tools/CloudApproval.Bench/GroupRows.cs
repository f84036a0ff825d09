using CloudApproval.Cases.Persistence;

namespace CloudApproval.Bench;

/// <summary>
/// The group-commit rows: 16 concurrent workers on WAL + FULL with <see cref="DatabaseOptions.GroupCommit"/> on (the
/// default) and off, so one run gives the gain as a ratio; the target is 16 clients at 1.0 × the bare rate.
/// </summary>
internal static class GroupRows
{
    public const int Workers = 16;
    private const string On = "16w FULL group";
    private const string Off = "16w FULL no group";

    public static RowSpec[] Specs =>
    [
        new(On, SqliteSynchronous.Full, Workers, ExplicitClaims: false, GroupCommit: true),
        new(Off, SqliteSynchronous.Full, Workers, ExplicitClaims: false, GroupCommit: false),
    ];

    /// <summary>Prints the comparison, the target check and the <c>RESULT-group</c> line (the RESULT line follows it).</summary>
    public static void Report(IReadOnlyList<RowResult> results, double bareFull)
    {
        var on = results.Single(r => r.Spec.Name == On);
        var off = results.Single(r => r.Spec.Name == Off);
        var ratio = on.TransitionsPerSecond / bareFull;
        Console.WriteLine(FormattableString.Invariant(
            $"Group commit, {Workers} workers: {on.TransitionsPerSecond:F0} transitions/s (p99 {on.P99Ms:F1} ms, {on.WriteTransactionsPerTransition:F2} commits per transition) vs {off.TransitionsPerSecond:F0}/s without (p99 {off.P99Ms:F1} ms): {on.TransitionsPerSecond / off.TransitionsPerSecond:F2}x"));
        Console.WriteLine((ratio >= 1.0 ? "  [met] " : "  [MISSED] ") + FormattableString.Invariant($"{On} transitions/s / bare tx/s = {ratio:F3} >= 1.0"));
        Console.WriteLine(FormattableString.Invariant($"RESULT-group transitions_per_s={on.TransitionsPerSecond:F1} bare_tx_per_s={bareFull:F1} ratio={ratio:F3}"));
    }
}
