using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Collaboration;

/// <summary>
/// A UserTask with <c>escalateTo</c>: when its deadline passes unanswered, the task is withdrawn and the same task goes to
/// that role in the same department (as an opinion request's escalate policy), and the flow keeps waiting for it.
/// </summary>
public sealed class TaskEscalationTests
{
    // Monday 03-02; a 2-working-day deadline ends at midnight after Wednesday 03-04.
    private static readonly DateTimeOffset Asked = China.At(2026, 3, 2, 10);

    private static Driver Started()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Task("answer", "\"accept\",\"decline\"", """ "due":"1wd","deadline":"2wd","escalateTo":"department-head" """), Acts.End("accepted"), Acts.End("declined", "rejected")),
            ["start:done -> answer", "answer:accept -> accepted", "answer:decline -> declined"]));
        driver.Start(Asked);
        return driver;
    }

    [Test]
    public void Silence_past_the_deadline_gives_the_same_task_to_the_head_once_and_the_flow_waits_for_the_head()
    {
        var driver = Started();
        var deadline = driver.Pending(TimerPurpose.Deadline);

        driver.Fire(deadline);

        var tasks = driver.Current.Tasks;
        Assert.That(deadline.DueAt, Is.EqualTo(China.Midnight(2026, 3, 5)));
        Assert.That(tasks.Select(t => (t.ActivityId, t.Role, t.Status)), Is.EqualTo(new[]
        {
            ("answer", "intake-clerk", HumanTaskStatus.Cancelled), ("answer", "department-head", HumanTaskStatus.Open),
        }));
        Assert.That(tasks[1].EscalateTo, Is.Null);
        Assert.That(driver.Current.Timers.Any(t => t.Status == TimerStatus.Pending), Is.False, "the head has no further deadline");
        driver.Complete("answer", "decline", Asked.AddDays(4), by: "head-qian");
        Assert.That(driver.Current.Outcome, Is.EqualTo("rejected"));
    }

    [TestCase(""" "escalateTo":"department-head" """, "missing-deadline")]
    [TestCase(""" "deadline":"2wd","defaultOutcome":"accept","escalateTo":"department-head" """, "conflicting-inputs")]
    public void Validate_refuses_an_escalation_without_a_deadline_or_beside_a_default_outcome(string inputs, string code)
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Task("answer", "\"accept\"", inputs), Acts.End()),
            ["start:done -> answer", "answer:accept -> end"], validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.activities[1].inputs.escalateTo", code) }), string.Join("\n", errors));
    }

    [Test]
    public void Validate_refuses_an_expired_connection_on_an_escalating_task()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Task("answer", "\"accept\"", """ "deadline":"2wd","escalateTo":"department-head" """), Acts.End()),
            ["start:done -> answer", "answer:accept -> end", "answer:expired -> end"], validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.connections[2].outcome", "unknown-port") }), string.Join("\n", errors));
    }
}
