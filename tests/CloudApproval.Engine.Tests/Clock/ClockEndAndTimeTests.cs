using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Clock;

/// <summary>Issue #15 items 10-11: time never runs backwards inside an instance; End closes the clock as StopLegalClock does.</summary>
public sealed class ClockEndAndTimeTests
{
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private static Driver SuspendResume() => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""),
            Acts.Of("wait-1", "WaitForEvent", """{"event":"go"}"""),
            Acts.Of("suspend", "SuspendLegalClock", """{"ground":"testing","timeNeeded":"5wd"}"""),
            Acts.Of("wait-2", "WaitForEvent", """{"event":"tested"}"""),
            Acts.Of("resume", "ResumeLegalClock"),
            Acts.Of("wait-3", "WaitForEvent", """{"event":"done"}"""),
            Acts.End()),
        ["start:done -> clock", "clock:done -> wait-1", "wait-1:received -> suspend", "suspend:done -> wait-2", "wait-2:received -> resume",
         "resume:done -> wait-3", "wait-3:received -> end"]));

    [Test]
    public void Stimulus_StampedBeforeTheLastStep_RunsAtTheLastStepsTime()
    {
        var driver = SuspendResume();
        driver.Start(Accepted);
        driver.Event("go", China.At(2026, 3, 10, 10));

        // Another node's clock is a day behind: the resume must not end the suspension before it began.
        driver.Event("tested", China.At(2026, 3, 9, 10));

        var suspension = driver.Current.Clock!.Suspensions.Single();
        Assert.That(suspension.To, Is.GreaterThanOrEqualTo(suspension.From));
        Assert.That(suspension, Is.EqualTo(new ClockSuspension(China.Day(2026, 3, 10), China.Day(2026, 3, 10), "检测 testing", "testing", null, "5wd")));
        Assert.That(driver.Current.LastStepAt, Is.EqualTo(China.At(2026, 3, 10, 10)));
    }

    [Test]
    public void End_WhileSuspended_StopsTheClockAsStopDoes()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""),
                Acts.Of("suspend", "SuspendLegalClock", """{"ground":"hearing","timeNeeded":"20d"}"""),
                Acts.Task("review", "\"withdraw\""),
                Acts.End(outcome: "withdrawn")),
            ["start:done -> clock", "clock:done -> suspend", "suspend:done -> review", "review:withdraw -> end"]));
        driver.Start(Accepted);

        // Accepted 03-02 (counting starts after it), suspended up to 03-06: 03, 04, 05 not counted; 03-30 moves to 04-02.
        driver.Complete("review", "withdraw", China.At(2026, 3, 6, 10));

        var clock = driver.Current.Clock!;
        var stopped = driver.EffectsOf<LegalClockChanged>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.Status, Is.EqualTo(ClockStatus.Stopped));
            Assert.That(clock.Suspensions.Single().To, Is.EqualTo(China.Day(2026, 3, 6)));
            Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 4, 2)));
            Assert.That(clock.OnTimeLegal, Is.True);
            Assert.That(stopped.Action, Is.EqualTo("stopped"));
            Assert.That(stopped.DueDate, Is.EqualTo(China.Day(2026, 4, 2)));
            Assert.That(driver.PendingTimers, Is.Empty);
        }
    }

    [Test]
    public void End_WhileRunning_KeepsTheDueDate_AndSaysSo()
    {
        var driver = SuspendResume();
        driver.Start(Accepted);
        driver.Event("go", China.At(2026, 3, 3, 10));
        driver.Event("tested", China.At(2026, 3, 4, 10));

        driver.Event("done", China.At(2026, 4, 10, 10));

        var clock = driver.Current.Clock!;
        Assert.That(driver.EffectsOf<LegalClockChanged>().Single().Action, Is.EqualTo("stopped"));
        Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 3, 31)));
        Assert.That(clock.OnTimeLegal, Is.False);
    }
}
