using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Instances;

public sealed class ConcurrencyTests
{
    /// <summary>Six rounds per run; CASES_RACE_ITERATIONS raises it for a soak run.</summary>
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("CASES_RACE_ITERATIONS"), out var n) ? n : 6;

    private static readonly string[] LosingCodes = ["task-closed", "rejected-task-not-open", "claimed-by-other"];

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder);
        var workflows = Procedures.CopySeeds(_folder, "deficiency-pending");
        Procedures.Write(workflows, Procedures.ParallelCheck());
        await _host.ImportAsync(workflows, publish: true);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task Complete_SucceedsExactlyOnce_WhenTwoClerksCompleteTheSameTaskAtOnce()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var caseId = await _host.StartDeficiencyAsync();
            var task = await _host.OpenTaskAsync(caseId, "pre-review");
            var before = await _host.CaseAsync(caseId);

            var results = await Race.RunAsync(
                () => _host.Tasks.CompleteAsync(task.Id, "accept", null, Actor.Operator("clerk-li")),
                () => _host.Tasks.CompleteAsync(task.Id, "reject", new JsonObject { ["reason"] = "out of scope" }, Actor.Operator("clerk-zhang")));

            var winner = Array.IndexOf(results, null);
            var loser = results.SingleOrDefault(r => r is not null);
            Assert.That(results.Count(r => r is null), Is.EqualTo(1), $"iteration {i}: exactly one completion succeeds; got {string.Join(" / ", results.Select(r => r?.ToString() ?? "ok"))}");
            Assert.That(loser, Is.TypeOf<CasesException>(), $"iteration {i}: the loser is told why, not handed a database error");
            Assert.That(((CasesException)loser!).Code, Is.AnyOf(LosingCodes));

            var after = await _host.CaseAsync(caseId);
            var audit = await _host.AuditAsync(caseId);
            var completed = await _host.TaskAsync(task.Id);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(audit.Count(e => e.Action == "task-completed"), Is.EqualTo(1), $"iteration {i}: the case advanced once");
                Assert.That(after.AuditCount, Is.EqualTo(before.AuditCount + 1));
                Assert.That(after.RowVersion, Is.EqualTo(before.RowVersion + 1));
                Assert.That(completed.Status, Is.EqualTo(WorkTaskStatus.Completed));
                Assert.That(completed.CompletedBy, Is.EqualTo(winner == 0 ? "clerk-li" : "clerk-zhang"));
                Assert.That(completed.Outcome, Is.EqualTo(winner == 0 ? "accept" : "reject"));
                // The winner's branch, and only it: a review task after accept, the non-acceptance end after reject.
                Assert.That((await _host.TasksOfAsync(caseId)).Count(t => t.ActivityId == "review"), Is.EqualTo(winner == 0 ? 1 : 0));
                Assert.That(after.Status, Is.EqualTo(winner == 0 ? CaseStatus.Running : CaseStatus.Completed));
                Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True, $"iteration {i}: audit chain intact");
            }
        }
    }

    [Test]
    public async Task Complete_SucceedsExactlyOnce_WhenManyClerksRaceForOneTask()
    {
        var caseId = await _host.StartDeficiencyAsync();
        var task = await _host.OpenTaskAsync(caseId, "pre-review");

        var results = await Race.RunAsync(Enumerable.Range(0, 5)
            .Select(n => (Func<Task>)(() => _host.Tasks.CompleteAsync(task.Id, "accept", null, Actor.Operator($"clerk-{n}")))).ToArray());

        Assert.That(results.Count(r => r is null), Is.EqualTo(1));
        Assert.That(results.Where(r => r is not null), Is.All.TypeOf<CasesException>());
        Assert.That((await _host.AuditAsync(caseId)).Count(e => e.Action == "task-completed"), Is.EqualTo(1));
        Assert.That((await _host.TasksOfAsync(caseId)).Count(t => t.ActivityId == "review"), Is.EqualTo(1));
        Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True);
    }

    [Test]
    public async Task TaskCompletionAndEvent_BothLand_WhenTheyRaceOnOneCase()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var caseId = (await _host.Runtime.StartAsync("parallel-check", null, null, Actor.Operator("applicant-chen"))).CaseId;
            var check = await _host.OpenTaskAsync(caseId, "check");

            var results = await Race.RunAsync(
                () => _host.Tasks.CompleteAsync(check.Id, "ok", null, Actor.Operator("clerk-li")),
                () => _host.Runtime.SendEventAsync(caseId, "docs-arrived", new JsonObject { ["files"] = 3 }, Actor.Operator("applicant-chen")));

            Assert.That(results, Is.All.Null, $"iteration {i}: both operations land");
            var c = await _host.CaseAsync(caseId);
            var audit = await _host.AuditAsync(caseId);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(c.Status, Is.EqualTo(CaseStatus.Completed), "the join saw both branches arrive");
                Assert.That(c.Outcome, Is.EqualTo("approved"));
                Assert.That(audit.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3 }));
                Assert.That(audit.Skip(1).Select(e => e.Action), Is.EquivalentTo(new[] { "task-completed", "event-received" }));
                Assert.That(audit[2].Detail, Does.Contain("completed"), "whichever came second completed the case");
                Assert.That(c.RowVersion, Is.EqualTo(3));
                Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True);
            }
        }
    }

    [Test]
    public async Task ClaimAndEvent_BothLandInOrder_WhenTheyRaceOnOneCase()
    {
        // A claim only touches the task row and the audit chain; it still serialises with the engine's step on the case.
        var caseId = (await _host.Runtime.StartAsync("parallel-check", null, null, Actor.Operator("applicant-chen"))).CaseId;
        var check = await _host.OpenTaskAsync(caseId, "check");

        var results = await Race.RunAsync(
            () => _host.Tasks.ClaimAsync(check.Id, Actor.Operator("clerk-li")),
            () => _host.Runtime.SendEventAsync(caseId, "docs-arrived", null, Actor.Operator("applicant-chen")));

        Assert.That(results, Is.All.Null);
        var audit = await _host.AuditAsync(caseId);
        Assert.That(audit.Skip(1).Select(e => e.Action), Is.EquivalentTo(new[] { "task-claimed", "event-received" }));
        Assert.That((await _host.TaskAsync(check.Id)).Assignee, Is.EqualTo("clerk-li"));
        Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True);
        await _host.Tasks.CompleteAsync(check.Id, "ok", null, Actor.Operator("clerk-li"));
        Assert.That((await _host.CaseAsync(caseId)).Status, Is.EqualTo(CaseStatus.Completed));
    }
}
