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
        var applicant = new[] { await cluster.ClientAsync(0, "applicant-chen"), await cluster.ClientAsync(1, "applicant-chen") };
        var clerk = new[] { await cluster.ClientAsync(0, "clerk-li"), await cluster.ClientAsync(1, "clerk-li") };
        using var auditor = await cluster.ClientAsync(1, "auditor-sun");
        var next = -1;
        var started = new string[total];
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
            {
                // Round robin: the start through one node, each later step through the other one than the step before.
                var node = i % 2;
                var caseId = started[i] = await applicant[node].StartCaseAsync("deficiency-pending", Market);
                await CompleteAsync(clerk[1 - node], caseId, "pre-review", new JsonObject());
                await CompleteAsync(clerk[node], caseId, "review", new JsonObject { ["opinion"] = "conditions met" });
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;

        foreach (var caseId in started)
        {
            var file = await auditor.CaseFileAsync(caseId);
            Assert.That(((string?)file["case"]!["status"], (string?)file["case"]!["outcome"]), Is.EqualTo(("completed", "approved")), caseId);
        }
        using var verify = await auditor.GetAsync("/api/audit/report");
        var report = await verify.ExpectAsync(HttpStatusCode.OK, "verification report");
        Assert.That((bool)report["intact"]!, Is.True, report.ToJsonString());
        Assert.That((int)report["cases"]!, Is.GreaterThanOrEqualTo(total));
        await TestContext.Out.WriteLineAsync(FormattableString.Invariant(
            $"{total} cases, {Clients} clients over two nodes: {seconds:0.0} s, {total / seconds:0.0} cases/s ({3 * total / seconds:0.0} requests that change a case per s)"));
    }

    private static async Task CompleteAsync(HttpClient clerk, string caseId, string activity, JsonObject data)
    {
        var taskId = (long)(await clerk.OpenTaskAsync(caseId, activity))["id"]!;
        using var response = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = activity == "pre-review" ? "accept" : "approve", ["data"] = data });
        await response.ExpectAsync(HttpStatusCode.OK, $"{activity} of {caseId}");
    }
}
