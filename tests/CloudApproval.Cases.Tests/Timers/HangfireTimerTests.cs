using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tests.Timers;

/// <summary>
/// Timers fired by a real Hangfire server (its timer pump) on SQLite storage. Hangfire runs on real time, so the supplement deadline is
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

    /// <summary>A case waiting for its missing materials, with a two-second deadline.</summary>
    private async Task<(string CaseId, CaseTimer Deadline)> WaitingForMaterialsAsync()
    {
        var caseId = await _host.StartDeficiencyAsync(TwoSeconds.DeepClone().AsObject());
        await _host.AcceptWithDeficiencyAsync(caseId);
        var deadline = await _host.SupplementDeadlineAsync(caseId);
        Assert.That(deadline.Status, Is.EqualTo(CaseTimerStatus.Pending));
        return (caseId, deadline);
    }

    private async Task<CaseTimer> FiredAsync(long timerId) =>
        await Poll.UntilAsync(async () => await _host.TimerAsync(timerId) is { Status: CaseTimerStatus.Fired } t ? t : null, $"timer {timerId} to fire");

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
    public async Task DeadlineTimer_FiresThroughTheHangfireServersTimerPump_AndOpensTheGracePeriod()
    {
        await _host.StartTimerServerAsync();
        var (caseId, deadline) = await WaitingForMaterialsAsync();

        var fired = await FiredAsync(deadline.Id);

        Assert.That(fired.FiredAt, Is.GreaterThanOrEqualTo(deadline.DueAt), "never before its due instant");
        Assert.That(fired.FiredAt - deadline.DueAt, Is.LessThan(TimeSpan.FromSeconds(8)), "fires within a poll of the pump (a quarter second), with room for a loaded machine");
        await AssertInGracePeriodAsync(caseId, deadline);
    }

    [Test]
    public async Task CancelledTimer_NeverFires()
    {
        await _host.StartTimerServerAsync();
        var (caseId, deadline) = await WaitingForMaterialsAsync();

        await _host.Runtime.SendEventAsync(caseId, "materials-supplemented", new JsonObject { ["materials"] = "credit certificate" }, Actor.Operator("applicant-chen"));

        var cancelled = await _host.TimerAsync(deadline.Id);
        Assert.That(cancelled.Status, Is.EqualTo(CaseTimerStatus.Cancelled));

        // A later deadline on another case firing proves the server has gone past the cancelled one's due time.
        var (_, later) = await WaitingForMaterialsAsync();
        await FiredAsync(later.Id);

        var after = await _host.TimerAsync(deadline.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(later.DueAt, Is.GreaterThan(deadline.DueAt));
            Assert.That(after.Status, Is.EqualTo(CaseTimerStatus.Cancelled));
            Assert.That(after.FiredAt, Is.Null);
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
}
