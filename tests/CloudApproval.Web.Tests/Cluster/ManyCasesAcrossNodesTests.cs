using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Cluster;

/// <summary>
/// Two nodes on one PostgreSQL database, 16 clients driving 1,000 cases to their decision with every step going through
/// the other node than the one before: every case ends once, approved, with each task completed once, every chain intact
/// and the consistency check clean. Every approval numbers a licence from the same sequence row, so this is also the
/// test of writers queueing on a shared row (it deadlocked before the write-time row locks). CLOUDAPPROVAL_TWO_NODE_CASES
/// sets another number of cases (0 skips the test).
/// </summary>
[NonParallelizable]
[Category(TestCategories.TwoNodes)]
public sealed class ManyCasesAcrossNodesTests
{
    private const int Clients = 16;
    private static JsonObject Market => new() { ["department"] = "market-supervision" };

    private static int CaseCount =>
        int.TryParse(Environment.GetEnvironmentVariable("CLOUDAPPROVAL_TWO_NODE_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1000;

    [Test]
    public async Task Cases_driven_through_both_nodes_at_once_each_end_once_with_every_chain_intact()
    {
        var total = CaseCount;
        if (total == 0) Assert.Ignore("CLOUDAPPROVAL_TWO_NODE_CASES=0");
        TestDatabases.RequirePostgreSql("two nodes on one server database");
        await using var cluster = await TwoNodes.StartAsync();
        var (started, seconds) = await DriveAsync(cluster, total, bothNodes: true);
        await AssertEachApprovedWithChainsIntactAsync(cluster, started);
        await TestContext.Out.WriteLineAsync(FormattableString.Invariant(
            $"{total} cases, {Clients} clients over two nodes: {seconds:0.0} s, {total / seconds:0.0} cases/s ({3 * total / seconds:0.0} requests that change a case per s)"));
    }

    /// <summary>
    /// The figure of one node against two on the same database and machine: the same number of cases through node 0 alone,
    /// then through both. Not in CI (it doubles the run); CLOUDAPPROVAL_TWO_NODE_COMPARE says how many cases per half.
    /// </summary>
    [Test]
    public async Task One_node_against_two_nodes_on_the_same_database()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("CLOUDAPPROVAL_TWO_NODE_COMPARE"), NumberStyles.None, CultureInfo.InvariantCulture, out var total) || total == 0)
            Assert.Ignore("set CLOUDAPPROVAL_TWO_NODE_COMPARE to the number of cases per half");
        TestDatabases.RequirePostgreSql("two nodes on one server database");
        await using var cluster = await TwoNodes.StartAsync();
        var (alone, aloneSeconds) = await DriveAsync(cluster, total, bothNodes: false);
        var (both, bothSeconds) = await DriveAsync(cluster, total, bothNodes: true);
        await AssertEachApprovedWithChainsIntactAsync(cluster, [.. alone, .. both]);
        await TestContext.Out.WriteLineAsync(FormattableString.Invariant(
            $"{total} cases, {Clients} clients: one node {total / aloneSeconds:0.0} cases/s, two nodes {total / bothSeconds:0.0} cases/s (x{aloneSeconds / bothSeconds:0.00})"));
    }

    /// <summary>
    /// 16 clients drive <paramref name="total"/> cases to approval: through node 0 alone, or round robin (the start through
    /// one node, each later step through the other one than the step before).
    /// </summary>
    private static async Task<(string[] Started, double Seconds)> DriveAsync(TwoNodes cluster, int total, bool bothNodes)
    {
        var applicant = new[] { await cluster.ClientAsync(0, "applicant-chen"), await cluster.ClientAsync(1, "applicant-chen") };
        var clerk = new[] { await cluster.ClientAsync(0, "clerk-li"), await cluster.ClientAsync(1, "clerk-li") };
        var next = -1;
        var started = new string[total];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
            {
                var node = bothNodes ? i % 2 : 0;
                var other = bothNodes ? 1 - node : 0;
                var caseId = started[i] = await applicant[node].StartCaseAsync("deficiency-pending", Market);
                await CompleteAsync(clerk[other], caseId, "pre-review", new JsonObject());
                await CompleteAsync(clerk[node], caseId, "review", new JsonObject { ["opinion"] = "conditions met" });
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var client in applicant.Concat(clerk)) client.Dispose();
        return (started, seconds);
    }

    private static async Task AssertEachApprovedWithChainsIntactAsync(TwoNodes cluster, IReadOnlyList<string> started)
    {
        using var auditor = await cluster.ClientAsync(1, "auditor-sun");
        foreach (var caseId in started)
        {
            var file = await auditor.CaseFileAsync(caseId);
            Assert.That(((string?)file["case"]!["status"], (string?)file["case"]!["outcome"]), Is.EqualTo(("completed", "approved")), caseId);
        }
        using var verify = await auditor.GetAsync("/api/audit/report");
        var report = await verify.ExpectAsync(HttpStatusCode.OK, "verification report");
        Assert.That((bool)report["intact"]!, Is.True, report.ToJsonString());
        Assert.That((int)report["cases"]!, Is.GreaterThanOrEqualTo(started.Count));
    }

    private static async Task CompleteAsync(HttpClient clerk, string caseId, string activity, JsonObject data)
    {
        var taskId = (long)(await clerk.OpenTaskAsync(caseId, activity))["id"]!;
        using var response = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = activity == "pre-review" ? "accept" : "approve", ["data"] = data });
        await response.ExpectAsync(HttpStatusCode.OK, $"{activity} of {caseId}");
    }
}
