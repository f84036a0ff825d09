using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using Hangfire.Server;

namespace CloudApproval.Cases.Tests.Timers;

/// <summary>The timer pump the Hangfire server runs, driven by hand on a fake clock: which rows it takes, and when.</summary>
public sealed class TimerPumpTests
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

    /// <summary>The pump the host's Hangfire server would run.</summary>
    private TimerPump Pump() => _host.Get<IEnumerable<IBackgroundProcess>>().OfType<TimerPump>().Single();

    private async Task<int> FiredEntriesAsync() => (await _host.AuditAsync(_caseId)).Count(e => e.Action == "timer-fired");

    [Test]
    public async Task A_timer_is_not_taken_before_its_due_instant_and_is_fired_once_after_it()
    {
        _clock.Set(new DateTimeOffset(_deadline.DueAt, TimeSpan.Zero).AddMilliseconds(-1));
        Assert.That(await Pump().FireDueAsync(CancellationToken.None), Is.Zero, "a millisecond early: not due");
        Assert.That((await _host.TimerAsync(_deadline.Id)).Status, Is.EqualTo(CaseTimerStatus.Pending));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(await Pump().FireDueAsync(CancellationToken.None), Is.EqualTo(1), "due at its instant");
        var fired = await _host.TimerAsync(_deadline.Id);
        Assert.That(fired.Status, Is.EqualTo(CaseTimerStatus.Fired));
        Assert.That(fired.FiredAt, Is.EqualTo(_deadline.DueAt));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await Pump().FireDueAsync(CancellationToken.None), Is.Zero, "a fired row is not taken again");
        Assert.That(await FiredEntriesAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_timer_that_cannot_fire_is_left_alone_for_the_backoff_then_tried_again()
    {
        // An edited row: the case's seal calls it altered, so the firing is refused and the row stays pending.
        RawSql.Execute(_host.Database, "UPDATE Timers SET DueAt = $due WHERE Id = $id", ("$due", _deadline.DueAt.AddDays(-3)), ("$id", _deadline.Id));
        _clock.Set(new DateTimeOffset(_deadline.DueAt, TimeSpan.Zero).AddMinutes(1));
        var before = RawSql.Dump(_host.Database);

        Assert.That(await Pump().FireDueAsync(CancellationToken.None), Is.EqualTo(1), "taken once");
        Assert.That(await Pump().FireDueAsync(CancellationToken.None), Is.Zero, "not again at once: it would meet the same refusal");
        _clock.Advance(TimerPump.Backoff);
        Assert.That(await Pump().FireDueAsync(CancellationToken.None), Is.EqualTo(1), "tried again after the back-off");

        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before), "the refusals changed nothing");
    }
}
