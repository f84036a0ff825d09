using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Clock;

/// <summary>Early warnings before the legal limit, to the task holders and the department head.</summary>
public sealed class ClockWarningTests
{
    // Monday 03-02: 20 working days end on Monday 03-30.
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private static Driver Started(string clockInputs)
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", clockInputs),
                Acts.Task("review", "\"approve\",\"survey\""),
                Acts.Of("suspend", "SuspendLegalClock", """{"ground":"testing","timeNeeded":"5wd"}"""),
                Acts.Of("wait", "WaitForEvent", """{"event":"tested"}"""),
                Acts.Of("resume", "ResumeLegalClock"),
                Acts.Task("decide", "\"approve\""),
                Acts.End()),
            ["start:done -> clock", "clock:done -> review", "review:approve -> end", "review:survey -> suspend", "suspend:done -> wait",
             "wait:received -> resume", "resume:done -> decide", "decide:approve -> end"]));
        driver.Start(Accepted);
        return driver;
    }

    private static List<DateTimeOffset> Warnings(Driver driver) =>
        driver.PendingTimers.Where(t => t.Purpose == TimerPurpose.LegalWarning).Select(t => t.DueAt).Order().ToList();

    [Test]
    public void Start_SchedulesWarnings_ThreeAndOneWorkingDaysBeforeTheLimit_ByDefault()
    {
        var driver = Started("""{"limit":"20wd"}""");

        // 03-30 is the last day: 3 working days back is Wednesday 03-25, 1 back is Friday 03-27, at 09:00.
        Assert.That(Warnings(driver), Is.EqualTo(new[] { China.At(2026, 3, 25, 9), China.At(2026, 3, 27, 9) }));
        Assert.That(driver.Current.Clock!.WarningTimerIds, Has.Count.EqualTo(2));
    }

    [Test]
    public void Warning_Fires_ToEachTaskHolder_AndTheDepartmentHead()
    {
        var driver = Started("""{"limit":"20wd","warnBefore":["2wd"]}""");
        var warning = driver.Pending(TimerPurpose.LegalWarning);

        driver.Fire(warning);

        var notices = driver.EffectsOf<NoticeSent>().ToList();
        Assert.That(warning.DueAt, Is.EqualTo(China.At(2026, 3, 26, 9)));
        Assert.That(notices.Select(n => (n.NoticeType, n.Recipient)), Is.EqualTo(new[] { ("legal-limit-warning", "assignee"), ("legal-limit-warning", "department-head") }));
        Assert.That(notices[0].Data!.ToJsonString(), Is.EqualTo($$"""{"dueDate":"2026-03-30","task":"{{driver.Task("review").Id}}"}"""));
        Assert.That(driver.Current.Clock!.WarningTimerIds, Is.Empty);
    }

    [Test]
    public void Warnings_AreRescheduled_WhenTheDueDateMoves()
    {
        var driver = Started("""{"limit":"20wd","warnBefore":["1wd"]}""");
        var before = driver.Pending(TimerPurpose.LegalWarning);

        driver.Complete("review", "survey", China.At(2026, 3, 4, 11));
        Assert.That(Warnings(driver), Is.Empty, "a suspended clock has no due date to warn about");
        driver.Event("tested", China.At(2026, 3, 11, 16));

        // Suspended 03-04..03-10 (five working days): the limit moves to 04-07, the warning to 04-03.
        Assert.That(driver.Current.FindTimer(before.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
        Assert.That(Warnings(driver), Is.EqualTo(new[] { China.At(2026, 4, 3, 9) }));
    }

    [Test]
    public void Warnings_CanBeTurnedOff()
    {
        var driver = Started("""{"limit":"20wd","warnBefore":[]}""");

        Assert.That(Warnings(driver), Is.Empty);
    }

    [Test]
    public void Warnings_AlreadyPast_AreNotScheduled()
    {
        var driver = Started("""{"limit":"2wd","warnBefore":["3wd","1wd"]}""");

        // Limit Wednesday 03-04: 3 working days back is 02-27, already past; 1 back is 03-03.
        Assert.That(Warnings(driver), Is.EqualTo(new[] { China.At(2026, 3, 3, 9) }));
    }

    [Test]
    public void Validate_RefusesWarningsNotInWorkingDays()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Of("clock", "StartLegalClock", """{"limit":"20wd","warnBefore":["3d"]}"""), Acts.End()),
            ["start:done -> clock", "clock:done -> end"], validate: false);

        var error = ProcedureValidator.Validate(definition, Def.File).Single();

        Assert.That(error.Path, Is.EqualTo("$.activities[1].inputs.warnBefore[0]"));
        Assert.That(error.Message, Does.EndWith("'3d' must be in working days, e.g. 3wd"));
    }
}
