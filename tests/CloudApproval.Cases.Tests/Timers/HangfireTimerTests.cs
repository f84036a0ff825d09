using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;
using Hangfire;
using Hangfire.States;

namespace CloudApproval.Cases.Tests.Timers;

/// <summary>
/// Timers fired by a real Hangfire server on SQLite storage. Hangfire runs on real time, so the supplement deadline is
/// made two seconds long through the procedure's own variable, and the tests poll for its effect.
/// Each test has its own files and server, and mostly waits: they run side by side.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class HangfireTimerTests : IDisposable
{
    private static readonly JsonObject TwoSeconds = new() { ["supplementPeriod"] = "2s" };

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await StartHostAsync();
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    /// <summary>One instance per test (they run in parallel): NUnit disposes it after the test.</summary>
    public void Dispose() => _folder.Dispose();

    private Task<CasesHost> StartHostAsync() => CasesHost.StartAsync(_folder);

    private async Task RestartAsync(Action? whileDown = null)
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        whileDown?.Invoke();
        _host = await StartHostAsync();
    }

    /// <summary>A case waiting for its missing materials, with a two-second deadline scheduled in Hangfire.</summary>
    private async Task<(string CaseId, CaseTimer Deadline)> WaitingForMaterialsAsync()
    {
        var caseId = await _host.StartDeficiencyAsync(TwoSeconds.DeepClone().AsObject());
        await _host.AcceptWithDeficiencyAsync(caseId);
        var deadline = await _host.SupplementDeadlineAsync(caseId);
        Assert.That(deadline.Status, Is.EqualTo(CaseTimerStatus.Pending));
        Assert.That(deadline.HangfireJobId, Is.Not.Null, "scheduled in Hangfire right after commit");
        return (caseId, deadline);
    }

    private async Task<CaseTimer> FiredAsync(long timerId) =>
        await Poll.UntilAsync(async () => await _host.TimerAsync(timerId) is { Status: CaseTimerStatus.Fired } t ? t : null, $"timer {timerId} to fire");

    private string? JobState(string jobId)
    {
        using var connection = _host.Get<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>
    /// The case moved by the deadline: a grace period for the late supplement, beside the review. A missed supplement
    /// is not an art. 45 ground, so the legal clock keeps running.
    /// </summary>
    private async Task AssertInGracePeriodAsync(string caseId, CaseTimer deadline)
    {
        var state = await _host.StateAsync(caseId);
        var c = await _host.CaseAsync(caseId);
        var audit = await _host.AuditAsync(caseId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Tokens.Select(t => t.ActivityId), Is.EquivalentTo(new[] { "review", "wait-late-supplement" }));
            Assert.That(state.Clock!.Status, Is.EqualTo(ClockStatus.Running), "the legal clock keeps counting");
            Assert.That(c.ClockDueDate, Is.Not.Null, "the due date stays");
            Assert.That(audit.Count(e => e.Action == "timer-fired" && e.Detail.Contains($"timer {deadline.LocalId} (deadline) fired", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(audit.Where(e => e.Action == "timer-fired").Select(e => e.Actor), Is.All.EqualTo("system:timer"));
            var verification = await _host.VerifyAsync(caseId);
            Assert.That(verification.Intact, Is.True, verification.Reason);
        }
    }

    [Test]
    public async Task DeadlineTimer_FiresThroughHangfire_AndOpensTheGracePeriod()
    {
        await _host.StartTimerServerAsync();
        var (caseId, deadline) = await WaitingForMaterialsAsync();

        var fired = await FiredAsync(deadline.Id);

        Assert.That(fired.FiredAt, Is.GreaterThanOrEqualTo(deadline.DueAt));
        Assert.That(fired.HangfireJobId, Is.EqualTo(deadline.HangfireJobId), "the job scheduled at the start fired it: it did not run early and get put back");
        Assert.That(fired.FiredAt - deadline.DueAt, Is.LessThan(TimeSpan.FromSeconds(8)), "fires within seconds, not half a minute late (SQLite storage's default polling)");
        await AssertInGracePeriodAsync(caseId, deadline);
        await Poll.UntilAsync(() => Task.FromResult(JobState(deadline.HangfireJobId!) == SucceededState.StateName), "the job to succeed");
    }

    [Test]
    public async Task CancelledTimer_NeverFires_AndItsHangfireJobIsDeleted()
    {
        await _host.StartTimerServerAsync();
        var (caseId, deadline) = await WaitingForMaterialsAsync();

        await _host.Runtime.SendEventAsync(caseId, "materials-supplemented", new JsonObject { ["materials"] = "credit certificate" }, Actor.Operator("applicant-chen"));

        var cancelled = await _host.TimerAsync(deadline.Id);
        Assert.That(cancelled.Status, Is.EqualTo(CaseTimerStatus.Cancelled));
        Assert.That(cancelled.HangfireJobId, Is.Null);
        Assert.That(JobState(deadline.HangfireJobId!), Is.EqualTo(DeletedState.StateName));

        // A later deadline on another case firing proves the server has gone past the cancelled one's due time.
        var (_, later) = await WaitingForMaterialsAsync();
        await FiredAsync(later.Id);

        var after = await _host.TimerAsync(deadline.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(later.DueAt, Is.GreaterThan(deadline.DueAt));
            Assert.That(after.Status, Is.EqualTo(CaseTimerStatus.Cancelled));
            Assert.That(after.FiredAt, Is.Null);
            Assert.That(JobState(deadline.HangfireJobId!), Is.EqualTo(DeletedState.StateName), "the job never ran");
            Assert.That((await _host.AuditAsync(caseId)).Where(e => e.Action == "timer-fired"), Is.Empty);
            Assert.That((await _host.OpenTaskAsync(caseId, "review")).Role, Is.EqualTo("reviewer"));
        }
    }

    [Test]
    public async Task Timer_FiresAfterAHostRestart_WhenScheduledWithNoServerRunning()
    {
        var (caseId, deadline) = await WaitingForMaterialsAsync();

        await RestartAsync();
        await _host.StartTimerServerAsync();

        var fired = await FiredAsync(deadline.Id);
        Assert.That(fired.HangfireJobId, Is.EqualTo(deadline.HangfireJobId), "the job stored before the restart is the one that fired");
        await AssertInGracePeriodAsync(caseId, deadline);
    }

    [TestCase("4711")]
    [TestCase("not-a-job")]
    public async Task Reconcile_ReschedulesATimerWhoseJobWasLost(string bogusJobId)
    {
        var (caseId, deadline) = await WaitingForMaterialsAsync();
        // The job disappears from Hangfire and the row names a job that does not exist.
        _host.Get<IBackgroundJobClient>().Delete(deadline.HangfireJobId!);
        RawSql.Execute(_host.Database, "UPDATE Timers SET HangfireJobId = $job WHERE Id = $id", ("$job", bogusJobId), ("$id", deadline.Id));

        var repaired = await _host.Get<TimerScheduler>().ReconcileAsync();

        var row = await _host.TimerAsync(deadline.Id);
        Assert.That(repaired, Is.GreaterThanOrEqualTo(1));
        Assert.That(row.HangfireJobId, Is.Not.Null.And.Not.EqualTo(bogusJobId).And.Not.EqualTo(deadline.HangfireJobId));
        Assert.That(JobState(row.HangfireJobId!), Is.EqualTo(ScheduledState.StateName));
        await _host.StartTimerServerAsync();
        await FiredAsync(deadline.Id);
        await AssertInGracePeriodAsync(caseId, deadline);
    }

    [Test]
    public async Task Timer_FiresAfterARestart_WhenHangfiresDatabaseWasLost()
    {
        var (caseId, deadline) = await WaitingForMaterialsAsync();

        await RestartAsync(whileDown: () =>
        {
            foreach (var file in Directory.GetFiles(_folder.Path, "cases-hangfire.db*")) File.Delete(file);
        });
        await _host.StartTimerServerAsync();

        await FiredAsync(deadline.Id);
        await AssertInGracePeriodAsync(caseId, deadline);
    }

    [Test]
    public async Task Reconcile_ReschedulesATimer_WhoseStoredJobIdNowNamesAnotherTimersJob()
    {
        // After Hangfire's storage is wiped, job ids start again at 1: a row's old id can name a new job of another
        // timer. Here the deadline's own job is gone and its row names the live job of the case's legal-limit timer.
        var (caseId, deadline) = await WaitingForMaterialsAsync();
        var others = (await _host.TimersOfAsync(caseId)).Where(t => t.Status == CaseTimerStatus.Pending && t.Id != deadline.Id).ToList();
        Assert.That(others, Is.Not.Empty, "the case has another pending timer (the legal limit)");
        _host.Get<IBackgroundJobClient>().Delete(deadline.HangfireJobId!);
        RawSql.Execute(_host.Database, "UPDATE Timers SET HangfireJobId = $job WHERE Id = $id", ("$job", others[0].HangfireJobId!), ("$id", deadline.Id));

        await _host.Get<TimerScheduler>().ReconcileAsync();

        var row = await _host.TimerAsync(deadline.Id);
        Assert.That(row.HangfireJobId, Is.Not.EqualTo(others[0].HangfireJobId), "two timers cannot share one job");
        await _host.StartTimerServerAsync();
        await FiredAsync(deadline.Id);
        await AssertInGracePeriodAsync(caseId, deadline);
    }

    [Test]
    public async Task Reconcile_DeletesNoOtherTimersJob_WhenAClosedRowStillNamesItsId()
    {
        // A cancelled row keeps its job id when the process dies between commit and the job's deletion; after a wipe of
        // Hangfire's storage that id can name a live job of another timer, which the reconcile must leave alone.
        var (caseId, deadline) = await WaitingForMaterialsAsync();
        var cancelled = (await _host.TimersOfAsync(caseId)).First(t => t.Status == CaseTimerStatus.Cancelled);
        RawSql.Execute(_host.Database, "UPDATE Timers SET HangfireJobId = $job WHERE Id = $id", ("$job", deadline.HangfireJobId!), ("$id", cancelled.Id));

        await _host.Get<TimerScheduler>().ReconcileAsync();

        Assert.That(JobState(deadline.HangfireJobId!), Is.EqualTo(ScheduledState.StateName), "the deadline's job is untouched");
        Assert.That((await _host.TimerAsync(deadline.Id)).HangfireJobId, Is.EqualTo(deadline.HangfireJobId));
        Assert.That((await _host.TimerAsync(cancelled.Id)).HangfireJobId, Is.Null, "the stale id is dropped");
    }

    [Test]
    public async Task Reconcile_LeavesTheJobThatFiredATimerSucceeded()
    {
        await _host.StartTimerServerAsync();
        var (_, deadline) = await WaitingForMaterialsAsync();
        await FiredAsync(deadline.Id);
        await Poll.UntilAsync(() => Task.FromResult(JobState(deadline.HangfireJobId!) == SucceededState.StateName), "the job to succeed");

        await _host.Get<TimerScheduler>().ReconcileAsync();

        Assert.That(JobState(deadline.HangfireJobId!), Is.EqualTo(SucceededState.StateName), "a fired timer's job is not re-labelled deleted");
        Assert.That(await _host.Get<TimerScheduler>().ReconcileAsync(), Is.Zero, "and there is nothing left to repair");
    }
}
