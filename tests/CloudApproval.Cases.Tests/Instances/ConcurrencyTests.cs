using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

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
    [Test]
    public async Task A_transition_that_keeps_losing_the_race_locks_the_case_and_wins_instead_of_giving_up()
    {
        var caseId = await _host.StartDeficiencyAsync();
        var task = await _host.OpenTaskAsync(caseId, "pre-review");
        var clerk = Actor.Operator("clerk-li");
        // A short writer of the same case that never stops (as a notice's documents being issued, claims and releases).
        var committed = 0;
        using var stop = new CancellationTokenSource();
        var hammer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await _host.Tasks.ClaimAsync(task.Id, clerk);
                await _host.Tasks.ReleaseAsync(task.Id, clerk);
                Interlocked.Increment(ref committed);
            }
        });

        var attempts = 0;
        await _host.Runtime.InTransactionAsync(Actor.Operator("clerk-slow"), async (db, transition, ct) =>
        {
            attempts++;
            var c = await db.Cases.SingleAsync(x => x.Id == caseId, ct);
            // A long transition: the short writer commits meanwhile unless this attempt holds the case. Half a second,
            // below PostgreSQL's deadlock timeout: a writer blocked by the lock is the one whose deadlock check fires.
            var seen = Volatile.Read(ref committed);
            for (var waited = 0; waited < 500 && Volatile.Read(ref committed) == seen; waited += 10) await Task.Delay(10, ct);
            c.RowVersion++;
            db.AuditEntries.Add(AuditChain.Append(c, "operator:clerk-slow", "note-added", "{}", transition.Now.UtcDateTime));
            return 0;
        }, CancellationToken.None);
        await stop.CancelAsync();
        await hammer;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempts, Is.EqualTo(CaseRuntime.OptimisticAttempts + 1), "lost while reading freely, won once the case was locked");
            Assert.That((await _host.AuditAsync(caseId)).Count(e => e.Action == "note-added"), Is.EqualTo(1));
            Assert.That((await _host.VerifyAsync(caseId)).Intact, Is.True);
            Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
        }
    }
    [Test]
    public async Task A_transition_that_keeps_losing_a_row_every_approval_shares_locks_that_row_and_wins()
    {
        // The licence numbers of a prefix and year: one row that every approval in the city increments.
        await using (var db = _host.Db())
        {
            db.LicenceSequences.Add(new CloudApproval.Cases.Licences.LicenceSequence { Prefix = "TEST", Year = 2026 });
            await db.SaveChangesAsync();
        }
        var committed = 0;
        using var stop = new CancellationTokenSource();
        var others = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await _host.Runtime.InTransactionAsync(Actor.Operator("clerk-li"), async (db, _, ct) => Next(await db.LicenceSequences.SingleAsync(s => s.Prefix == "TEST", ct)), CancellationToken.None);
                Interlocked.Increment(ref committed);
            }
        });

        var attempts = 0;
        var mine = await _host.Runtime.InTransactionAsync(Actor.Operator("clerk-slow"), async (db, _, ct) =>
        {
            attempts++;
            var sequence = await db.LicenceSequences.SingleAsync(s => s.Prefix == "TEST", ct);
            var seen = Volatile.Read(ref committed);
            for (var waited = 0; waited < 500 && Volatile.Read(ref committed) == seen; waited += 10) await Task.Delay(10, ct);
            return Next(sequence);
        }, CancellationToken.None);
        await stop.CancelAsync();
        await others;

        await using var check = _host.Db();
        var last = (await check.LicenceSequences.SingleAsync(s => s.Prefix == "TEST")).Last;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempts, Is.EqualTo(CaseRuntime.OptimisticAttempts + 1), "lost while reading freely, won once the row was locked");
            Assert.That(last, Is.EqualTo(Volatile.Read(ref committed) + 1), "every number handed out once: the others' and mine");
            Assert.That(mine, Is.InRange(1, last));
        }
    }

    private static int Next(CloudApproval.Cases.Licences.LicenceSequence sequence)
    {
        sequence.Last++;
        sequence.RowVersion++;
        return sequence.Last;
    }
}
