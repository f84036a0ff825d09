using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

/// <summary>A stimulus that does not fit is refused with a reason, and changes nothing: no state, no effects.</summary>
public sealed class RejectionTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    /// <summary>check (with a follow-up and a deadline) → pause (1d timer) → second → end.</summary>
    private static Driver Started()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Task("check", "\"ok\",\"reject\"", """
                    "form":[{"name":"opinion","label":"Opinion","type":"text","required":true}],"followUp":"3wd","deadline":"10wd"
                    """),
                Acts.Of("pause", "Timer", """{"duration":"1d"}"""),
                Acts.Task("second", "\"ok\""),
                Acts.End(), Acts.End("rejected", "rejected"), Acts.End("late", "withdrawn")),
            ["start:done -> check", "check:ok -> pause", "check:reject -> rejected", "check:expired -> late", "pause:done -> second", "second:ok -> end"]));
        var start = driver.Start(Now);
        Assert.That(start.Accepted, Is.True);
        return driver;
    }

    private static readonly JsonObject Opinion = new() { ["opinion"] = "fine" };

    /// <summary>Sends the stimulus and checks it was refused with the code, leaving the state byte for byte as it was.</summary>
    private static void AssertRejected(Driver driver, Stimulus stimulus, DateTimeOffset at, string code)
    {
        var before = driver.State?.ToJson();
        var given = driver.State;

        var result = driver.Send(stimulus, at);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Accepted, Is.False);
            Assert.That(result.Rejection?.Code, Is.EqualTo(code), result.Rejection?.Message);
            Assert.That(result.Rejection?.Message, Is.Not.Empty);
            Assert.That(result.Effects, Is.Empty);
            if (given is not null)
            {
                Assert.That(result.State, Is.SameAs(given));
                Assert.That(result.State.ToJson(), Is.EqualTo(before));
            }
        }
    }

    [Test]
    public void CompleteTask_IsRejected_WhenTheTaskIsNoLongerOpen()
    {
        var driver = Started();
        var task = driver.OpenTask("check");
        driver.Complete("check", "ok", Now.AddHours(1), Opinion);

        AssertRejected(driver, new TaskCompletedStimulus(task.Id, "ok", Opinion), Now.AddHours(2), "task-not-open");
    }

    [Test]
    public void CompleteTask_IsRejected_ForAnOutcomeTheTaskDoesNotAllow()
    {
        var driver = Started();

        AssertRejected(driver, new TaskCompletedStimulus(driver.OpenTask("check").Id, "approve", Opinion), Now, "outcome-not-allowed");
    }

    [Test]
    public void CompleteTask_IsRejected_ForTheExpiredPort()
    {
        // 'expired' is a port of the activity, not an outcome a clerk may choose.
        var driver = Started();

        AssertRejected(driver, new TaskCompletedStimulus(driver.OpenTask("check").Id, "expired", Opinion), Now, "outcome-not-allowed");
    }

    [Test]
    public void CompleteTask_IsRejected_ForInvalidFormData()
    {
        var driver = Started();

        AssertRejected(driver, new TaskCompletedStimulus(driver.OpenTask("check").Id, "ok", new JsonObject { ["opinion"] = 5 }), Now, "invalid-data");
    }

    [Test]
    public void CompleteTask_IsRejected_ForAnUnknownTask()
    {
        var driver = Started();

        AssertRejected(driver, new TaskCompletedStimulus("task-99", "ok", Opinion), Now, "unknown-task");
    }

    [Test]
    public void TimerFired_IsRejected_WhenTheTimerAlreadyFired()
    {
        var driver = Started();
        driver.Complete("check", "ok", Now, Opinion);
        var timer = driver.Pending(TimerPurpose.Wait);
        driver.Fire(timer);
        Assert.That(driver.OpenTask("second"), Is.Not.Null);

        AssertRejected(driver, new TimerFiredStimulus(timer.Id), timer.DueAt.AddMinutes(1), "timer-not-pending");
    }

    [Test]
    public void TimerFired_IsRejected_WhenTheTimerWasCancelled()
    {
        var driver = Started();
        var deadline = driver.Pending(TimerPurpose.Deadline);
        driver.Complete("check", "ok", Now, Opinion);
        Assert.That(driver.Current.FindTimer(deadline.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));

        AssertRejected(driver, new TimerFiredStimulus(deadline.Id), deadline.DueAt, "timer-not-pending");
    }

    [Test]
    public void TimerFired_IsRejected_BeforeTheTimerIsDue()
    {
        var driver = Started();
        var deadline = driver.Pending(TimerPurpose.Deadline);

        AssertRejected(driver, new TimerFiredStimulus(deadline.Id), deadline.DueAt.AddTicks(-1), "timer-not-due");
    }

    [Test]
    public void TimerFired_IsRejected_ForAnUnknownTimer()
    {
        var driver = Started();

        AssertRejected(driver, new TimerFiredStimulus("timer-99"), Now, "unknown-timer");
    }

    [Test]
    public void Event_IsRejected_WhenNothingWaitsForIt()
    {
        var driver = Started();

        AssertRejected(driver, new EventStimulus("materials-supplemented"), Now, "no-waiter");
    }

    [Test]
    public void Start_IsRejected_WhenTheInstanceHasStarted()
    {
        var driver = Started();

        AssertRejected(driver, new StartStimulus("case-1"), Now, "already-started");
    }

    [Test]
    public void AnyStimulus_IsRejected_BeforeStart()
    {
        var driver = new Driver(Def.Flow(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"]));

        AssertRejected(driver, new EventStimulus("anything"), Now, "not-started");
    }

    [Test]
    public void AnyStimulus_IsRejected_WhenTheInstanceHasCompleted()
    {
        var driver = Started();
        var check = driver.OpenTask("check");
        driver.Complete("check", "reject", Now, Opinion);
        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Completed));

        AssertRejected(driver, new TaskCompletedStimulus(check.Id, "ok", Opinion), Now.AddHours(1), "instance-ended");
    }

    [Test]
    public void AnyStimulus_IsRejected_ForAnotherVersionOfTheDefinition()
    {
        var driver = Started();
        var task = driver.OpenTask("check");
        driver.Definition = driver.Definition with { Version = 2 };

        AssertRejected(driver, new TaskCompletedStimulus(task.Id, "ok", Opinion), Now, "wrong-definition");
    }

    [Test]
    public void AnyStimulus_IsRejected_ForAnotherDefinition()
    {
        var driver = Started();
        driver.Definition = driver.Definition with { DefinitionId = "other" };

        AssertRejected(driver, new EventStimulus("x"), Now, "wrong-definition");
    }
}
