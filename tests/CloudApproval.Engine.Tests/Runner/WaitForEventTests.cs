using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class WaitForEventTests
{
    // Monday before Mid-Autumn (09-25..27) and National Day (10-01..07); Saturday 10-10 is a working day.
    private static readonly DateTimeOffset Monday = China.At(2026, 9, 21, 9);

    /// <summary>A wait with a deadline; <paramref name="extra"/> adds inputs.</summary>
    private static Driver Wait(string extra) => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("wait", "WaitForEvent", $$"""{"event":"materials-supplemented"{{extra}},"saveAs":"supplement"}"""),
            Acts.End("received"),
            Acts.End("expired", "terminated")),
        ["start:done -> wait", "wait:received -> received", "wait:expired -> expired"],
        """[{"name":"supplement","type":"json"}]"""));

    [Test]
    public void Event_ResumesTheWaitingFlow_AndSavesThePayload()
    {
        var driver = Wait(""","deadline":"10wd" """);
        driver.Start(Monday);
        Assert.That(driver.Current.Tokens.Single().Events, Is.EquivalentTo(new Dictionary<string, string> { ["materials-supplemented"] = "received" }));

        var result = driver.Event("materials-supplemented", Monday.AddDays(2), new JsonObject { ["materials"] = new JsonArray("credit certificate") });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Effects[0], Is.EqualTo(new EventReceived("materials-supplemented")));
            Assert.That(driver.Current.Variables["supplement"]!.ToJsonString(), Is.EqualTo("""{"materials":["credit certificate"]}"""));
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
            Assert.That(driver.Current.Timers.Single().Status, Is.EqualTo(TimerStatus.Cancelled), "the deadline lost the race");
        }
    }

    [Test]
    public void Deadline_IsTheEndOfTheNthWorkingDay_AcrossTheNationalDayHoliday()
    {
        var driver = Wait(""","deadline":"10wd" """);

        driver.Start(Monday);

        // 09-22, 23, 24, 28, 29, 30, 10-08, 09, 10 (Saturday, working), 12.
        Assert.That(driver.Pending(TimerPurpose.Deadline).DueAt, Is.EqualTo(China.Midnight(2026, 10, 13)));
    }

    [Test]
    public void Deadline_WhenItPassesFirst_LeavesByExpired_AndTheLateEventIsRejected()
    {
        var driver = Wait(""","deadline":"10wd" """);
        driver.Start(Monday);

        driver.Fire(driver.Pending(TimerPurpose.Deadline));
        Assert.That(driver.Current.Outcome, Is.EqualTo("terminated"));

        var late = driver.Event("materials-supplemented", China.At(2026, 10, 14));
        Assert.That(late.Rejection?.Code, Is.EqualTo("instance-ended"));
    }

    [Test]
    public void ReminderBefore_RemindsTheApplicant_WorkingDaysBeforeTheDeadline_At9()
    {
        var driver = Wait(""","deadline":"10wd","reminderBefore":"2wd","reminderTemplate":"supplement-reminder" """);
        driver.Start(Monday);
        var reminder = driver.Pending(TimerPurpose.Reminder);

        // The deadline's last day is Monday 10-12; two working days before is Friday 10-09 (Saturday 10-10 counts).
        Assert.That(reminder.DueAt, Is.EqualTo(China.At(2026, 10, 9, 9)));

        driver.Fire(reminder);

        Assert.That(driver.EffectsOf<NoticeSent>().Single(), Is.EqualTo(new NoticeSent("reminder", "supplement-reminder", "applicant", "wait")));
        Assert.That(driver.Current.Tokens.Single().Events.Keys, Is.EqualTo(new[] { "materials-supplemented" }), "still waiting");
        Assert.That(driver.Pending(TimerPurpose.Deadline), Is.Not.Null);
    }

    [Test]
    public void ReminderBefore_WithoutATemplate_UsesTheDefaultReminder()
    {
        var driver = Wait(""","deadline":"10wd","reminderBefore":"1wd" """);
        driver.Start(Monday);

        driver.Fire(driver.Pending(TimerPurpose.Reminder));

        Assert.That(driver.EffectsOf<NoticeSent>().Single().Template, Is.EqualTo("deadline-reminder"));
    }

    [Test]
    public void ReminderBefore_IsNotScheduled_WhenItWouldAlreadyHavePassed()
    {
        var driver = Wait(""","deadline":"1wd","reminderBefore":"2wd" """);

        driver.Start(Monday);

        Assert.That(driver.PendingTimers.Select(t => t.Purpose), Is.EqualTo(new[] { TimerPurpose.Deadline }));
    }

    [Test]
    public void ReminderBefore_IsCancelled_WhenTheEventComes()
    {
        var driver = Wait(""","deadline":"10wd","reminderBefore":"2wd" """);
        driver.Start(Monday);

        driver.Event("materials-supplemented", Monday.AddDays(1));

        Assert.That(driver.Current.Timers.Select(t => t.Status), Is.All.EqualTo(TimerStatus.Cancelled));
        Assert.That(driver.EffectsOf<TimerCancelled>().Count(), Is.EqualTo(2));
    }

    [Test]
    public void Wait_WithoutADeadline_SchedulesNothing()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("wait", "WaitForEvent", """{"event":"fee-paid"}"""), Acts.End()),
            ["start:done -> wait", "wait:received -> end"]));

        driver.Start(Monday);

        Assert.That(driver.Current.Timers, Is.Empty);
        Assert.That(driver.Current.Tokens.Single().ActivityId, Is.EqualTo("wait"));
        Assert.That(driver.Event("fee-paid", Monday.AddDays(30)).Accepted, Is.True);
        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
    }

    [Test]
    public void Event_ResumesEveryFlowWaitingForIt()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("fork", "Fork", """{"branches":["a","b"]}"""),
                Acts.Of("wait-a", "WaitForEvent", """{"event":"hearing-held"}"""),
                Acts.Of("wait-b", "WaitForEvent", """{"event":"hearing-held"}"""),
                Acts.Of("join", "Join", """{"fork":"fork"}"""),
                Acts.End()),
            ["start:done -> fork", "fork:a -> wait-a", "fork:b -> wait-b", "wait-a:received -> join", "wait-b:received -> join", "join:done -> end"]));
        driver.Start(Monday);
        Assert.That(driver.Current.Tokens, Has.Count.EqualTo(2));

        driver.Event("hearing-held", Monday.AddDays(1));

        Assert.That(driver.Entered, Is.EqualTo(new[] { "join", "join", "end" }));
        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
    }

    [TestCase(EventSenders.Applicant, "applicant", true)]
    [TestCase(EventSenders.Applicant, "staff", false)]
    [TestCase(EventSenders.Staff, "staff", true)]
    [TestCase(EventSenders.Staff, "applicant", false)]
    [TestCase(EventSenders.Applicant, null, true)]
    public void SentBy_LetsOnlyTheNamedSenderResumeTheWait_TheSystemAlways(string required, string? sender, bool accepted)
    {
        var driver = Wait($$""","sentBy":"{{required}}","deadline":"10wd" """);
        driver.Start(Monday);

        var result = driver.Send(new EventStimulus("materials-supplemented", null, sender), Monday.AddDays(1));

        if (accepted)
        {
            Assert.That(result.Rejection, Is.Null);
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
            return;
        }
        Assert.That(result.Rejection?.Code, Is.EqualTo("wrong-sender"));
        Assert.That(result.Rejection!.Message, Is.EqualTo($"event 'materials-supplemented' is for the {required} to send, not the {sender}"));
        Assert.That(driver.Current.Tokens.Single().ActivityId, Is.EqualTo("wait"), "still waiting");
    }

    [Test]
    public void WithoutSentBy_AnySenderResumesTheWait()
    {
        var driver = Wait(""","deadline":"10wd" """);
        driver.Start(Monday);

        Assert.That(driver.Send(new EventStimulus("materials-supplemented", null, EventSenders.Staff), Monday.AddDays(1)).Rejection, Is.Null);
    }
}
