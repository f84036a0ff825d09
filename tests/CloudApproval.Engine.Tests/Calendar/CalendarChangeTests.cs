using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Calendar;

/// <summary>A calendar added or corrected: the clock, its timers, working-day timers and task due dates are counted again; dates in a year without a calendar are provisional.</summary>
public sealed class CalendarChangeTests
{
    // Thursday 2026-12-10: the limit runs into 2027, which has no calendar file yet.
    private static readonly DateTimeOffset Accepted = China.At(2026, 12, 10, 10);

    /// <summary>The 2026 calendar plus a 2027 one where New Year's Day (Friday 01-01) is off.</summary>
    private static readonly WorkingCalendar With2027 = new([
        CalendarFiles.Load(Path.Combine(Repo.Workflows, "calendars", "cn-2026.json")),
        new CalendarYear(2027, "test", [new CalendarDay(new DateOnly(2027, 1, 1), "元旦 New Year")], []),
    ]);

    private static Driver Started()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"20wd","warnBefore":["1wd"]}"""),
                Acts.Task("review", "\"approve\"", "\"due\":\"18wd\",\"deadline\":\"18wd\""),
                Acts.End(),
                Acts.End("end-expired", "terminated")),
            ["start:done -> clock", "clock:done -> review", "review:approve -> end", "review:expired -> end-expired"]));
        driver.Start(Accepted);
        return driver;
    }

    [Test]
    public void DatesInAYearWithoutACalendar_AreProvisional()
    {
        var driver = Started();

        // Weekends only in 2027: day 16 is Friday 01-01, day 18 is 01-05, day 20 is 01-07.
        var clock = driver.Current.Clock!;
        var task = driver.Task("review");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.DueDate, Is.EqualTo(new DateOnly(2027, 1, 7)));
            Assert.That(clock.Provisional, Is.True);
            Assert.That(driver.EffectsOf<LegalClockChanged>().Single().Provisional, Is.True);
            Assert.That(task.DueDate, Is.EqualTo(new DateOnly(2027, 1, 5)));
            Assert.That(task.DueProvisional, Is.True);
            Assert.That(driver.Pending(TimerPurpose.Deadline).Provisional, Is.True);
            Assert.That(driver.EffectsOf<TaskCreated>().Single().Describe(), Does.EndWith("(provisional)"));
        }
    }

    [Test]
    public void CalendarChange_RecountsTheClock_ItsTimers_WorkingDayTimers_AndTaskDueDates()
    {
        var driver = Started();
        var oldLimit = driver.Pending(TimerPurpose.LegalLimit);
        var oldWarning = driver.Pending(TimerPurpose.LegalWarning);
        var oldDeadline = driver.Pending(TimerPurpose.Deadline);

        var result = new ProcedureRunner(With2027).Run(driver.Definition, driver.Current, new CalendarChangedStimulus("cn-2027.json added"), China.At(2026, 12, 15, 10));

        // With 01-01 off, every 2027 date moves one working day: limit 01-08, warning 01-07 09:00, review 01-06.
        var state = result.State;
        var timers = state.Timers.Where(t => t.Status == TimerStatus.Pending).ToDictionary(t => t.Purpose);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Accepted, Is.True);
            Assert.That(state.Clock!.DueDate, Is.EqualTo(new DateOnly(2027, 1, 8)));
            Assert.That(state.Clock!.Provisional, Is.False);
            Assert.That(result.Effects.OfType<LegalClockChanged>().Single(), Is.EqualTo(
                new LegalClockChanged("recomputed", ClockStatus.Running, new DateOnly(2027, 1, 8), 20, null)));
            Assert.That(timers[TimerPurpose.LegalLimit].DueAt, Is.EqualTo(China.Midnight(2027, 1, 9)));
            Assert.That(timers[TimerPurpose.LegalWarning].DueAt, Is.EqualTo(China.At(2027, 1, 7, 9)));
            Assert.That(timers[TimerPurpose.Deadline].DueAt, Is.EqualTo(China.Midnight(2027, 1, 7)));
            Assert.That(timers[TimerPurpose.Deadline].TokenId, Is.EqualTo(oldDeadline.TokenId));
            Assert.That(result.Effects.OfType<TimerCancelled>().Select(c => c.TimerId), Is.EquivalentTo(new[] { oldLimit.Id, oldWarning.Id, oldDeadline.Id }));
            Assert.That(result.Effects.OfType<TaskDueChanged>().Single(), Is.EqualTo(
                new TaskDueChanged(driver.Task("review").Id, China.Midnight(2027, 1, 7), new DateOnly(2027, 1, 6), false, false)));
        }
    }

    [Test]
    public void CalendarChange_ThatMovesNothing_IsRejected_AndChangesNothing()
    {
        var driver = Started();
        var runner = new ProcedureRunner(With2027);
        var once = runner.Run(driver.Definition, driver.Current, new CalendarChangedStimulus(), China.At(2026, 12, 15, 10));

        var again = runner.Run(driver.Definition, once.State, new CalendarChangedStimulus(), China.At(2026, 12, 15, 11));

        Assert.That(again.Rejection!.Code, Is.EqualTo("calendar-unchanged"));
        Assert.That(again.State, Is.SameAs(once.State));
    }

    [Test]
    public void CalendarChange_AfterTheDeadlineMoved_LetsTheMovedTimerFire()
    {
        var driver = Started();
        var changed = new ProcedureRunner(With2027).Run(driver.Definition, driver.Current, new CalendarChangedStimulus(), China.At(2026, 12, 15, 10)).State;
        var deadline = changed.Timers.Single(t => t.Status == TimerStatus.Pending && t.Purpose == TimerPurpose.Deadline);

        var fired = new ProcedureRunner(With2027).Run(driver.Definition, changed, new TimerFiredStimulus(deadline.Id), deadline.DueAt);

        Assert.That(fired.State.Outcome, Is.EqualTo("terminated"));
    }
}
