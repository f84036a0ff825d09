using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;

namespace CloudApproval.Cases.Tests.Timers;

/// <summary>The timer job called directly, on a fake clock: what a duplicate, concurrent or early delivery by Hangfire does.</summary>
public sealed class TimerJobTests
{
    private TempFolder _folder = null!;
    private ManualClock _clock = null!;
    private CasesHost _host = null!;
    private string _caseId = null!;
    private CaseTimer _deadline = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
        _caseId = await _host.StartDeficiencyAsync(new JsonObject { ["supplementPeriod"] = "2s" });
        await _host.AcceptWithDeficiencyAsync(_caseId);
        _deadline = await _host.SupplementDeadlineAsync(_caseId);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private TimerJob Job() => _host.Get<TimerJob>();

    [Test]
    public async Task Fire_ChangesTheCaseOnce_WhenTheJobRunsTwice()
    {
        _clock.Advance(TimeSpan.FromSeconds(3));
        var before = await _host.CaseAsync(_caseId);

        await Job().FireAsync(_deadline.Id, CancellationToken.None);
        var once = await _host.CaseAsync(_caseId);
        await Job().FireAsync(_deadline.Id, CancellationToken.None);

        var twice = await _host.CaseAsync(_caseId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(once.RowVersion, Is.EqualTo(before.RowVersion + 1), "the first run fires");
            Assert.That(twice.RowVersion, Is.EqualTo(once.RowVersion), "the second changes nothing");
            Assert.That(twice.StateJson, Is.EqualTo(once.StateJson));
            Assert.That((await _host.AuditAsync(_caseId)).Count(e => e.Action == "timer-fired"), Is.EqualTo(1));
            Assert.That((await _host.TimerAsync(_deadline.Id)).Status, Is.EqualTo(CaseTimerStatus.Fired));
        }
    }

    [Test]
    public async Task Fire_ChangesTheCaseOnce_WhenTwoNodesRunTheJobAtOnce()
    {
        _clock.Advance(TimeSpan.FromSeconds(3));
        var before = await _host.CaseAsync(_caseId);

        var results = await Race.RunAsync(
            () => Job().FireAsync(_deadline.Id, CancellationToken.None),
            () => Job().FireAsync(_deadline.Id, CancellationToken.None));

        Assert.That(results, Is.All.Null, "a duplicate delivery is not an error Hangfire should retry");
        Assert.That((await _host.CaseAsync(_caseId)).RowVersion, Is.EqualTo(before.RowVersion + 1));
        Assert.That((await _host.AuditAsync(_caseId)).Count(e => e.Action == "timer-fired"), Is.EqualTo(1));
        Assert.That((await _host.VerifyAsync(_caseId)).Intact, Is.True);
    }

    [Test]
    public async Task Fire_LeavesTheTimerPending_WhenRunBeforeItIsDue()
    {
        var before = RawSql.Dump(_host.Database);

        var done = await Job().FireAsync(_deadline.Id, CancellationToken.None);

        Assert.That(done, Is.False, "still to fire");
        Assert.That((await _host.TimerAsync(_deadline.Id)).Status, Is.EqualTo(CaseTimerStatus.Pending));
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before), "nothing changed");
    }

    [Test]
    public async Task Fire_DoesNothing_WhenTheTimerWasCancelled()
    {
        await _host.Runtime.SendEventAsync(_caseId, "materials-supplemented", null, Actor.Operator("applicant-chen"));
        _clock.Advance(TimeSpan.FromSeconds(3));
        var before = RawSql.Dump(_host.Database);

        await Job().FireAsync(_deadline.Id, CancellationToken.None);

        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }
}
