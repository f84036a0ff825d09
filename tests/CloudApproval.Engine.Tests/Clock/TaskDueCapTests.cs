using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Clock;

/// <summary>A task's own due date never lies beyond the legal limit of a running clock.</summary>
public sealed class TaskDueCapTests
{
    // Monday 03-02: 20 working days end on Monday 03-30.
    private static readonly DateTimeOffset Accepted = China.At(2026, 3, 2, 10);

    private static Driver Review(string due) => new(Def.Flow(
        Acts.List(Acts.Start,
            Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""),
            Acts.Of("wait", "WaitForEvent", """{"event":"ready"}"""),
            Acts.Task("review", "\"approve\"", $$"""  "due":"{{due}}"  """),
            Acts.End()),
        ["start:done -> clock", "clock:done -> wait", "wait:received -> review", "review:approve -> end"]));

    [Test]
    public void Task_DueAfterTheLegalLimit_IsCappedAtIt_AndSaysSo()
    {
        var driver = Review("15wd");
        driver.Start(Accepted);

        // On 03-20, 15 working days would end on 04-13; the clock ends on 03-30: the task gets what is left.
        driver.Event("ready", China.At(2026, 3, 20, 9));

        var task = driver.Task("review");
        var created = driver.EffectsOf<TaskCreated>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.DueDate, Is.EqualTo(China.Day(2026, 3, 30)));
            Assert.That(task.DueAt, Is.EqualTo(China.Midnight(2026, 3, 31)));
            Assert.That(task.DueCappedByLegalLimit, Is.True);
            Assert.That(created.Describe(), Does.EndWith("due 2026-03-30 (capped at the legal limit)"));
        }
    }

    [Test]
    public void Task_DueWithinTheLegalLimit_KeepsItsOwnDueDate()
    {
        var driver = Review("5wd");
        driver.Start(Accepted);

        driver.Event("ready", China.At(2026, 3, 2, 11));

        Assert.That(driver.Task("review").DueDate, Is.EqualTo(China.Day(2026, 3, 9)));
        Assert.That(driver.Task("review").DueCappedByLegalLimit, Is.False);
    }

    [Test]
    public void Task_WithoutAClock_KeepsItsOwnDueDate()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Task("review", "\"approve\"", "\"due\":\"30wd\""), Acts.End()),
            ["start:done -> review", "review:approve -> end"]));

        driver.Start(Accepted);

        Assert.That(driver.Task("review").DueCappedByLegalLimit, Is.False);
        Assert.That(driver.Task("review").DueDate, Is.EqualTo(China.Day(2026, 4, 14)));
    }
}
