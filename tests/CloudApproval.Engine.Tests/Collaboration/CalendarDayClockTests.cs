using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Collaboration;

/// <summary>
/// A clock carries its day kind: licensing limits count working days, but some laws count calendar days (the
/// Administrative Penalty Law's 90-day decision limit). A calendar-day clock skips no holiday, only its suspensions.
/// </summary>
public sealed class CalendarDayClockTests
{
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private static Driver Started(string clock, string extend = """{"days":"30d","reason":"complex case","approvedBy":"head"}""")
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", clock),
                Acts.Task("review", "\"decide\",\"test\",\"extend\""),
                Acts.Of("suspend", "SuspendLegalClock", """{"ground":"testing","timeNeeded":"10d"}"""),
                Acts.Task("tested", "\"back\""),
                Acts.Of("resume", "ResumeLegalClock"),
                Acts.Of("head", "UserTask", """{"title":"Approve","role":"department-head","department":"market-supervision","outcomes":["approve"]}"""),
                Acts.Of("extend", "ExtendLegalClock", extend),
                Acts.Of("stop", "StopLegalClock"),
                Acts.End()),
            ["start:done -> clock", "clock:done -> review", "review:decide -> stop", "review:test -> suspend", "suspend:done -> tested",
             "tested:back -> resume", "resume:done -> review", "review:extend -> head", "head:approve -> extend", "extend:done -> review",
             "extend:refused -> review", "stop:done -> end"]));
        driver.Start(Accepted);
        return driver;
    }

    [Test]
    public void CalendarDayClock_CountsEveryDay_HolidaysIncluded()
    {
        var driver = Started("""{"limit":"60d","promisedLimit":"30d"}""");

        var clock = driver.Current.Clock!;
        var started = driver.EffectsOf<LegalClockChanged>().Single();
        using (Assert.EnterMultipleScope())
        {
            // 03-02 + 60 days; a 60wd clock would end on 05-28 (Qingming and Labour Day off).
            Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 5, 1)));
            Assert.That(clock.PromisedDueDate, Is.EqualTo(China.Day(2026, 4, 1)));
            Assert.That(clock.DayKind, Is.EqualTo(DayKind.CalendarDays));
            Assert.That(clock.Provisional, Is.False);
            Assert.That(started.DayKind, Is.EqualTo(DayKind.CalendarDays));
            Assert.That(started.Describe(), Does.Contain("limit 60 calendar days, due 2026-05-01"));
        }
    }

    [Test]
    public void CalendarDayClock_DoesNotCountItsSuspensions()
    {
        var driver = Started("""{"limit":"60d"}""");
        driver.Complete("review", "test", China.At(2026, 3, 10, 9));

        driver.Complete("tested", "back", China.At(2026, 3, 20, 9));

        // Suspended from 03-10 (not counted) to 03-20 (counted again): ten days later than 05-01.
        Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 5, 11)));
    }

    [Test]
    public void CalendarDayClock_IsExtendedInCalendarDays()
    {
        var driver = Started("""{"limit":"60d"}""");
        driver.Complete("review", "extend", China.At(2026, 4, 20, 9));

        driver.Complete("head", "approve", China.At(2026, 4, 20, 10), by: "head-zhou");

        Assert.That(driver.Current.Clock!.ExtensionWorkingDays, Is.EqualTo(30));
        Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 5, 31)));
        Assert.That(driver.EffectsOf<NoticeSent>().Single().Data!["dayKind"]!.GetValue<string>(), Is.EqualTo("calendar"));
    }

    [Test]
    public void CalendarDayClock_WithoutExtensionDays_RefusesTheWorkingDayDefault()
    {
        var driver = Started("""{"limit":"60d"}""", extend: """{"reason":"complex case","approvedBy":"head"}""");
        driver.Complete("review", "extend", China.At(2026, 4, 20, 9));

        driver.Complete("head", "approve", China.At(2026, 4, 20, 10), by: "head-zhou");

        Assert.That(driver.EffectsOf<LegalClockChanged>().Single().Reason,
            Is.EqualTo("the clock counts calendar days; state the extension in calendar days, e.g. 30d, not the default"));
        Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 5, 1)));
    }

    [Test]
    public void WorkingDayClock_KeepsItsDayKindOutOfTheStoredState_SoOldStatesReadTheSame()
    {
        var driver = Started("""{"limit":"20wd"}""", extend: """{"reason":"complex case","approvedBy":"head"}""");

        var json = driver.Current.ToJson();

        Assert.That(json, Does.Not.Contain("dayKind").And.Not.Contain("joint"));
        Assert.That(InstanceState.FromJson(json).Clock!.DayKind, Is.EqualTo(DayKind.WorkingDays));
    }
}
