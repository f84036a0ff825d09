using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class TimerTests
{
    private static Driver Wait(string duration) => new(Def.Flow(
        Acts.List(Acts.Start, Acts.Of("wait", "Timer", $$"""{"duration":"{{duration}}"}"""), Acts.Task("check", "\"ok\""), Acts.End()),
        ["start:done -> wait", "wait:done -> check", "check:ok -> end"],
        """[{"name":"pause","type":"duration","default":"3wd"}]"""));

    [TestCase("1wd", 2026, 2, 15)]   // Friday 02-13 + 1 = Saturday 02-14, a declared working day; ends at midnight
    [TestCase("2wd", 2026, 2, 25)]   // then the Spring Festival: 02-24
    [TestCase("$pause", 2026, 2, 26)] // 3wd from the variable
    public void Timer_InWorkingDays_EndsAtMidnightOfTheNthWorkingDay(string duration, int y, int m, int d)
    {
        var driver = Wait(duration);

        driver.Start(China.At(2026, 2, 13, 16, 30));

        var timer = driver.Pending(TimerPurpose.Wait, "wait");
        Assert.That(timer.DueAt, Is.EqualTo(China.Midnight(y, m, d)));
        Assert.That(timer.Port, Is.EqualTo("done"));
        Assert.That(driver.EffectsOf<TimerScheduled>().Single(), Is.EqualTo(new TimerScheduled(timer.Id, timer.DueAt, TimerPurpose.Wait, "wait")));
    }

    [Test]
    public void Timer_CountsFromTheDayInChina_WhateverTheOffsetOfNow()
    {
        var driver = Wait("1wd");

        // 16:30 UTC on Friday is 00:30 on Saturday 02-14 in China, a declared working day: the next one is 02-24.
        driver.Start(new DateTimeOffset(2026, 2, 13, 16, 30, 0, TimeSpan.Zero));

        Assert.That(driver.Pending(TimerPurpose.Wait).DueAt, Is.EqualTo(China.Midnight(2026, 2, 25)));
    }

    [TestCase("3d", 72)]
    [TestCase("4h", 4)]
    public void Timer_InCalendarTime_IsExact(string duration, int hours)
    {
        var start = China.At(2026, 2, 13, 16, 30);
        var driver = Wait(duration);

        driver.Start(start);

        Assert.That(driver.Pending(TimerPurpose.Wait).DueAt, Is.EqualTo(start.AddHours(hours)));
    }

    [Test]
    public void Timer_InSeconds_IsExact()
    {
        var start = China.At(2026, 2, 13, 16, 30);
        var driver = Wait("10s");

        driver.Start(start);

        Assert.That(driver.Pending(TimerPurpose.Wait).DueAt, Is.EqualTo(start.AddSeconds(10)));
    }

    [Test]
    public void Timer_WhenItFires_MovesTheFlowOn()
    {
        var driver = Wait("1wd");
        driver.Start(China.At(2026, 2, 13, 16, 30));
        var timer = driver.Pending(TimerPurpose.Wait);

        var result = driver.Fire(timer);

        Assert.That(result.Accepted, Is.True);
        Assert.That(result.Effects[0], Is.EqualTo(new TimerFired(timer.Id, TimerPurpose.Wait)));
        Assert.That(driver.Current.FindTimer(timer.Id)!.Status, Is.EqualTo(TimerStatus.Fired));
        Assert.That(driver.OpenTask("check").CreatedAt, Is.EqualTo(China.Midnight(2026, 2, 15)));
    }

    [Test]
    public void Timer_FiredLate_StillMovesTheFlowOn()
    {
        var driver = Wait("1wd");
        driver.Start(China.At(2026, 2, 13, 16, 30));

        var result = driver.Send(new TimerFiredStimulus(driver.Pending(TimerPurpose.Wait).Id), China.At(2026, 3, 1));

        Assert.That(result.Accepted, Is.True);
        Assert.That(driver.OpenTask("check"), Is.Not.Null);
    }
}
