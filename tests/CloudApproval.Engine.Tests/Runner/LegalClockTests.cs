using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

/// <summary>The decision clock: art. 42 limits, art. 45 suspensions, extensions, and the alert when the limit is reached.</summary>
public sealed class LegalClockTests
{
    // Monday 03-02: 20 working days end on Monday 03-30.
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private static string Wait(string id, string name) => Acts.Of(id, "WaitForEvent", $$"""{"event":"{{name}}"}""");

    internal static string Head(string id = "head") =>
        Acts.Of(id, "UserTask", """{"title":"Approve the extension","role":"department-head","department":"market-supervision","outcomes":["approve"],"form":[{"name":"reasons","label":"Reasons","type":"text","required":true}]}""");

    /// <summary>Start (20wd) → hearing → suspend → held → resume → complex → head approves → extend (10wd) → decided → stop → end.</summary>
    private static Driver Clock(string countFrom = "now") => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Task("intake", "\"accept\""),
            Acts.Of("clock", "StartLegalClock", $$"""{"limit":"20wd","countFrom":"{{countFrom}}","basis":"《行政许可法》第四十二条"}"""),
            Wait("wait-hearing", "hearing-requested"),
            Acts.Of("suspend", "SuspendLegalClock", """{"ground":"hearing","timeNeeded":"20d"}"""),
            Wait("wait-held", "hearing-held"),
            Acts.Of("resume", "ResumeLegalClock"),
            Wait("wait-complex", "needs-more-time"),
            Head(),
            Acts.Of("extend", "ExtendLegalClock", """{"days":"10wd","reason":"complex matter","approvedBy":"head"}"""),
            Wait("wait-decision", "decided"),
            Acts.Of("stop", "StopLegalClock"),
            Acts.Task("issue", "\"done\""),
            Acts.End()),
        ["start:done -> intake", "intake:accept -> clock", "clock:done -> wait-hearing", "wait-hearing:received -> suspend",
         "suspend:done -> wait-held", "wait-held:received -> resume", "resume:done -> wait-complex",
         "wait-complex:received -> head", "head:approve -> extend", "extend:done -> wait-decision", "extend:refused -> wait-decision", "wait-decision:received -> stop",
         "stop:done -> issue", "issue:done -> end"]));

    private static Driver Started(string countFrom = "now")
    {
        var driver = Clock(countFrom);
        driver.Start(China.At(2026, 2, 26, 15));
        driver.Complete("intake", "accept", Accepted);
        return driver;
    }

    [Test]
    public void Start_SetsTheDueDate_AndALimitTimerAtTheEndOfIt()
    {
        var driver = Started();

        var clock = driver.Current.Clock!;
        var timer = driver.Pending(TimerPurpose.LegalLimit);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.Status, Is.EqualTo(ClockStatus.Running));
            Assert.That(clock.StartedOn, Is.EqualTo(China.Day(2026, 3, 2)));
            Assert.That(clock.LimitWorkingDays, Is.EqualTo(20));
            Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 3, 30)));
            Assert.That(clock.TimerId, Is.EqualTo(timer.Id));
            Assert.That(timer.DueAt, Is.EqualTo(China.Midnight(2026, 3, 31)));
            Assert.That(timer.TokenId, Is.Null);
            Assert.That(driver.EffectsOf<LegalClockChanged>().Single(),
                Is.EqualTo(new LegalClockChanged("started", ClockStatus.Running, China.Day(2026, 3, 30), 20, null)));
        }
    }

    [Test]
    public void Start_CountingFromInstanceStart_UsesTheDayTheApplicationArrived()
    {
        var driver = Started("instanceStart");

        // Thursday 02-26 + 20 working days, with Saturday 02-28 a declared working day.
        Assert.That(driver.Current.Clock!.StartedOn, Is.EqualTo(China.Day(2026, 2, 26)));
        Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 3, 25)));
    }

    [Test]
    public void Suspend_StopsCounting_CancelsTheLimitTimer_AndTellsTheApplicant()
    {
        var driver = Started();
        var limit = driver.Pending(TimerPurpose.LegalLimit);

        driver.Event("hearing-requested", China.At(2026, 3, 4, 11));

        var clock = driver.Current.Clock!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.Status, Is.EqualTo(ClockStatus.Suspended));
            Assert.That(clock.DueDate, Is.Null);
            Assert.That(clock.TimerId, Is.Null);
            Assert.That(clock.Suspensions.Single(), Is.EqualTo(new ClockSuspension(China.Day(2026, 3, 4), null, "听证 hearing", "hearing", null, "20d")));
            Assert.That(driver.Current.FindTimer(limit.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
            Assert.That(driver.EffectsOf<NoticeSent>().Single().NoticeType, Is.EqualTo("clock-suspended"));
            Assert.That(driver.EffectsOf<LegalClockChanged>().Single().Action, Is.EqualTo("suspended"));
        }
    }

    [Test]
    public void Resume_MovesTheDueDate_ByTheWorkingDaysTheSuspensionCovered()
    {
        var driver = Started();
        var dueBefore = driver.Current.Clock!.DueDate!.Value;
        driver.Event("hearing-requested", China.At(2026, 3, 4, 11));

        driver.Event("hearing-held", China.At(2026, 3, 11, 16));

        // Suspended 03-04 up to (not including) 03-11: five working days (04, 05, 06, 09, 10). The limit's last day moves
        // five working days past 03-30, over Qingming (04-04..04-06): 03-31, 04-01, 04-02, 04-03, 04-07.
        var clock = driver.Current.Clock!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.Status, Is.EqualTo(ClockStatus.Running));
            Assert.That(clock.Suspensions.Single(), Is.EqualTo(new ClockSuspension(China.Day(2026, 3, 4), China.Day(2026, 3, 11), "听证 hearing", "hearing", null, "20d")));
            Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 4, 7)));
            Assert.That(Repo.Calendar.CountWorkingDays(dueBefore, clock.DueDate!.Value).Value, Is.EqualTo(5));
            Assert.That(driver.Pending(TimerPurpose.LegalLimit).DueAt, Is.EqualTo(China.Midnight(2026, 4, 8)));
            Assert.That(driver.EffectsOf<LegalClockChanged>().Single(),
                Is.EqualTo(new LegalClockChanged("resumed", ClockStatus.Running, China.Day(2026, 4, 7), 20, null)));
        }
    }

    [Test]
    public void Extend_AddsWorkingDays_AndTellsTheApplicantWhy()
    {
        var driver = Started();
        driver.Event("hearing-requested", China.At(2026, 3, 4, 11));
        driver.Event("hearing-held", China.At(2026, 3, 11, 16));
        var before = driver.Pending(TimerPurpose.LegalLimit);

        driver.Event("needs-more-time", China.At(2026, 3, 20, 10));
        driver.Complete("head", "approve", China.At(2026, 3, 20, 11), new() { ["reasons"] = "complex matter" }, by: "head-zhou");

        // 04-07 + 10 working days: 08, 09, 10, 13, 14, 15, 16, 17, 20, 21.
        var clock = driver.Current.Clock!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.ExtensionWorkingDays, Is.EqualTo(10));
            Assert.That(clock.DueDate, Is.EqualTo(China.Day(2026, 4, 21)));
            Assert.That(driver.Current.FindTimer(before.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
            Assert.That(driver.Pending(TimerPurpose.LegalLimit).DueAt, Is.EqualTo(China.Midnight(2026, 4, 22)));
            var notice = driver.EffectsOf<NoticeSent>().Single();
            Assert.That(notice.NoticeType, Is.EqualTo("clock-extended"));
            Assert.That(notice.Data!.ToJsonString(), Is.EqualTo("""{"reason":"complex matter","days":10,"dayKind":"working","dueDate":"2026-04-21","approvedBy":"head-zhou"}"""));
            Assert.That(driver.EffectsOf<LegalClockChanged>().Single(),
                Is.EqualTo(new LegalClockChanged("extended", ClockStatus.Running, China.Day(2026, 4, 21), 30, "complex matter")));
        }
    }

    [Test]
    public void Stop_StopsTheClock_AndCancelsTheLimitTimer()
    {
        var driver = Started();
        driver.Event("hearing-requested", China.At(2026, 3, 4, 11));
        driver.Event("hearing-held", China.At(2026, 3, 11, 16));
        driver.Event("needs-more-time", China.At(2026, 3, 20, 10));
        driver.Complete("head", "approve", China.At(2026, 3, 20, 11), new() { ["reasons"] = "complex matter" });
        var limit = driver.Pending(TimerPurpose.LegalLimit);

        driver.Event("decided", China.At(2026, 4, 15, 10));

        var clock = driver.Current.Clock!;
        Assert.That(clock.Status, Is.EqualTo(ClockStatus.Stopped));
        Assert.That(clock.TimerId, Is.Null);
        Assert.That(driver.Current.FindTimer(limit.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
        Assert.That(driver.PendingTimers, Is.Empty);
        Assert.That(driver.EffectsOf<LegalClockChanged>().Single().Action, Is.EqualTo("stopped"));
    }

    [Test]
    public void LimitReached_AlertsTheDepartmentHead_AndTheCaseGoesOn()
    {
        var driver = Started();

        var result = driver.Fire(driver.Pending(TimerPurpose.LegalLimit));

        Assert.That(result.Accepted, Is.True);
        var notice = driver.EffectsOf<NoticeSent>().Single();
        Assert.That(notice.NoticeType, Is.EqualTo("legal-limit-reached"));
        Assert.That(notice.Recipient, Is.EqualTo("department-head"));
        Assert.That(notice.Data!.ToJsonString(), Is.EqualTo("""{"dueDate":"2026-03-30"}"""));
        Assert.That(driver.Current.Clock!.TimerId, Is.Null);
        Assert.That(driver.Current.Clock!.Status, Is.EqualTo(ClockStatus.Running));
        Assert.That(driver.Current.Tokens.Single().ActivityId, Is.EqualTo("wait-hearing"));
    }

    [Test]
    public void Completing_TheInstance_StopsARunningClock()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""), Acts.Task("review", "\"reject\""), Acts.End(outcome: "rejected")),
            ["start:done -> clock", "clock:done -> review", "review:reject -> end"]));
        driver.Start(Accepted);

        driver.Complete("review", "reject", Accepted.AddDays(1));

        Assert.That(driver.Current.Clock!.Status, Is.EqualTo(ClockStatus.Stopped));
        Assert.That(driver.PendingTimers, Is.Empty);
    }

    [Test]
    public void Start_Again_ReplacesTheClock_AndItsLimitTimer()
    {
        // Art. 32: after a correction the case is accepted anew and the limit counts from then.
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""),
                Acts.Task("review", "\"correct\",\"approve\""),
                Acts.End()),
            ["start:done -> clock", "clock:done -> review", "review:correct -> clock", "review:approve -> end"]));
        driver.Start(Accepted);
        var first = driver.Pending(TimerPurpose.LegalLimit);

        driver.Complete("review", "correct", China.At(2026, 3, 9, 10));

        var second = driver.Pending(TimerPurpose.LegalLimit);
        Assert.That(driver.Current.FindTimer(first.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
        Assert.That(driver.Current.Clock!.TimerId, Is.EqualTo(second.Id));
        // 20 working days from Monday 03-09, over Qingming (04-04..04-06).
        Assert.That(driver.Current.Clock!.DueDate, Is.EqualTo(China.Day(2026, 4, 7)));
    }

    [TestCase("ResumeLegalClock", "{}", "the legal clock is not suspended")]
    [TestCase("SuspendLegalClock", """{"ground":"testing","timeNeeded":"10wd"}""", "cannot suspend the legal clock: it is not running")]
    [TestCase("StopLegalClock", "{}", "the legal clock has not started or has stopped")]
    public void ClockActivity_Faults_WhenTheClockIsNotInTheRightState(string type, string inputs, string message)
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("clock-step", type, inputs), Acts.End()),
            ["start:done -> clock-step", "clock-step:done -> end"]));

        driver.Start(Accepted);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("clock-step", message)));
    }
}
