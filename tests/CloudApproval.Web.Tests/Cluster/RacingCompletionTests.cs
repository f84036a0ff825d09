using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Cluster;

/// <summary>
/// Two nodes on one PostgreSQL database: the same task completed through both at once is completed once. The
/// app-managed concurrency token (RowVersion) and the audit chain's unique (case, sequence) index are what hold under
/// real concurrency, across processes, on a server database.
/// </summary>
[NonParallelizable]
[Category(TestCategories.TwoNodes)]
public sealed class RacingCompletionTests
{
    private const int Races = 12;

    [Test]
    public async Task CompletingOneTask_ThroughBothNodesAtOnce_IsAppliedOnce_AndTheOtherIsAConflict()
    {
        TestDatabases.RequirePostgreSql("two nodes on one server database");
        await using var cluster = await TwoNodes.StartAsync();
        using var chen = await cluster.ClientAsync(0, "applicant-chen");
        using var li0 = await cluster.ClientAsync(0, "clerk-li");
        using var li1 = await cluster.ClientAsync(1, "clerk-li");
        using var auditor = await cluster.ClientAsync(1, "auditor-sun");

        var wins = new List<int>();
        for (var race = 0; race < Races; race++)
        {
            var caseId = await chen.StartCaseAsync("commitment", new JsonObject { ["department"] = "market-supervision" });
            var task = await li0.OpenTaskAsync(caseId, "pre-review");
            var taskId = (long)task["id"]!;
            using (var claim = await li0.PostAsync($"/api/tasks/{taskId}/claim", null))
                await claim.ExpectAsync(HttpStatusCode.NoContent, "claim");

            // Both requests are in flight before either answers; which node wins varies from race to race.
            var through0 = li0.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "accept" });
            var through1 = li1.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "accept" });
            using var answer0 = await through0;
            using var answer1 = await through1;
            var statuses = new[] { answer0.StatusCode, answer1.StatusCode };

            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1),
                $"race {race}: exactly one completion wins ({string.Join(", ", statuses)}: {await answer0.Content.ReadAsStringAsync()} / {await answer1.Content.ReadAsStringAsync()})");
            Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(1), $"race {race}: the other is a 409 conflict");
            wins.Add(answer0.StatusCode == HttpStatusCode.OK ? 0 : 1);

            var file = await chen.CaseFileAsync(caseId);
            var completed = file["tasks"]!.AsArray().Where(t => (long)t!["id"]! == taskId).Select(t => (string)t!["status"]!).Single();
            Assert.That(completed, Is.EqualTo("completed"));
        }

        using var verify = await auditor.GetAsync("/api/audit/verify");
        var verification = await verify.ExpectAsync(HttpStatusCode.OK, "audit verify");
        Assert.That((bool)verification["intact"]!, Is.True, verification.ToJsonString());
        Assert.That((int)verification["cases"]!, Is.EqualTo(Races));
        using var consistency = await auditor.GetAsync("/api/audit/consistency");
        var check = await consistency.ExpectAsync(HttpStatusCode.OK, "consistency");
        Assert.That((bool)check["consistent"]!, Is.True, check.ToJsonString());
        TestContext.Out.WriteLine($"winners by node over {Races} races: node 0 {wins.Count(w => w == 0)}, node 1 {wins.Count(w => w == 1)}");
    }
}
