using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>
/// Two clerks who may both take a task complete it at the same instant over HTTP: one wins, the other is told it lost
/// (409), and the case moves on once. Repeated on fresh cases, because one race proves little about a timing window.
/// </summary>
public sealed class ConcurrentCompletionTests
{
    private const int Rounds = 6;

    /// <summary>
    /// What the loser may be told: the winner committed first (task-closed; also what a loser of the write race hears, as
    /// the runtime retries it on the changed case), held it first, or kept changing the case (retries exhausted).
    /// </summary>
    private static readonly string[] LosingCodes = ["task-closed", "claimed-by-other", "concurrent-change"];

    private WebHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new WebHost();

    [OneTimeTearDown]
    public void StopHost() => _host.Dispose();

    [Test]
    public async Task TwoIntakeClerksCompletingOnePreReviewAtOnce_OneGets200_TheOther409_AndTheCaseAdvancesOnce()
    {
        using var applicant = await _host.ClientForAsync("applicant-chen");
        using var auditor = await _host.ClientForAsync("auditor-sun");
        // Both are intake clerks of market-supervision, so both may take the pre-review: only the race decides.
        using var li = await _host.ClientForAsync("clerk-li");
        using var ma = await _host.ClientForAsync("clerk-ma");
        var winners = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var caseId = await applicant.StartCaseAsync("commitment", new JsonObject { ["department"] = "market-supervision" });
            var taskId = (long)(await auditor.OpenTaskAsync(caseId, "pre-review"))["id"]!;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<(string User, HttpStatusCode Status, JsonNode Body)> CompleteAsync(string user, HttpClient client)
            {
                await gate.Task;
                using var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "accept" });
                return (user, response.StatusCode, await response.JsonAsync());
            }
            // Who is released first alternates, so that neither wins by always being scheduled first.
            var racing = round % 2 == 0
                ? new[] { CompleteAsync("clerk-li", li), CompleteAsync("clerk-ma", ma) }
                : [CompleteAsync("clerk-ma", ma), CompleteAsync("clerk-li", li)];
            gate.SetResult();
            var answers = await Task.WhenAll(racing);

            var file = await auditor.CaseFileAsync(caseId);
            var won = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
            var lost = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
            var what = string.Join(" | ", answers.Select(a => $"{a.User}: {(int)a.Status} {a.Body.ToJsonString()}"));
            Assert.That(won, Has.Count.EqualTo(1), $"round {round}: exactly one completion succeeds: {what}");
            Assert.Multiple(() =>
            {
                Assert.That(lost[0].Status, Is.EqualTo(HttpStatusCode.Conflict), what);
                Assert.That((string?)lost[0].Body["code"], Is.AnyOf(LosingCodes), what);
                var task = file["tasks"]!.AsArray().Single(t => (long)t!["id"]! == taskId)!;
                Assert.That((string?)task["status"], Is.EqualTo("completed"));
                Assert.That((string?)task["completedBy"], Is.EqualTo(won[0].User), "the task records the winner");
                Assert.That(file["timeline"]!.AsArray().Count(e => (string)e!["action"]! == "task-completed"), Is.EqualTo(1),
                    "the case advanced once: one task-completed entry");
            });
            winners.Add($"{won[0].User} (loser told {lost[0].Body["code"]})");
        }
        TestContext.Out.WriteLine($"winners over {Rounds} rounds: {string.Join(", ", winners)}");
    }
}
