using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Collaboration;

/// <summary>
/// The silence policy of an opinion request: a consulted department that does not answer by the deadline is taken to
/// agree. The deadline completes the task with its default outcome, by system:deadline, instead of leaving by 'expired'.
/// </summary>
public sealed class DefaultOutcomeTests
{
    // Monday 03-02; 5 working days end on Monday 03-09.
    private static readonly DateTimeOffset Asked = China.At(2026, 3, 2, 10);

    private const string Opinion = """ "deadline":"5wd","defaultOutcome":"agree","saveAs":"opinion" """;

    private static Driver Started(string extra = Opinion)
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Task("opinion", "\"agree\",\"object\"", extra), Acts.End("agreed"), Acts.End("objected", "rejected")),
            ["start:done -> opinion", "opinion:agree -> agreed", "opinion:object -> objected"],
            """[{"name":"opinion","type":"json"}]"""));
        driver.Start(Asked);
        return driver;
    }

    [Test]
    public void Deadline_WithADefaultOutcome_CompletesTheTaskWithIt_AsSystemDeadline()
    {
        var driver = Started();
        var deadline = driver.Pending(TimerPurpose.Deadline);

        driver.Fire(deadline);

        var task = driver.Task("opinion");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(deadline.DueAt, Is.EqualTo(China.Midnight(2026, 3, 10)));
            Assert.That(task.Status, Is.EqualTo(HumanTaskStatus.Completed));
            Assert.That(task.Outcome, Is.EqualTo("agree"));
            Assert.That(task.CompletedBy, Is.EqualTo("system:deadline"));
            Assert.That(driver.EffectsOf<TaskCompleted>().Single(), Is.EqualTo(new TaskCompleted(task.Id, "agree", "system:deadline")));
            Assert.That(driver.EffectsOf<TaskCancelled>(), Is.Empty);
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
        }
    }

    [Test]
    public void Answer_BeforeTheDeadline_Wins_AndTheDefaultIsNeverApplied()
    {
        var driver = Started();

        driver.Complete("opinion", "object", Asked.AddDays(1), by: "clerk-planning");

        var task = driver.Task("opinion");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Outcome, Is.EqualTo("object"));
            Assert.That(task.CompletedBy, Is.EqualTo("clerk-planning"));
            Assert.That(driver.PendingTimers, Is.Empty);
            Assert.That(driver.Current.Outcome, Is.EqualTo("rejected"));
        }
    }

    [Test]
    public void DefaultOutcome_IsOnTheTaskRecord_SoTheInboxCanSayWhatSilenceMeans()
    {
        var driver = Started();

        Assert.That(driver.EffectsOf<TaskCreated>().Single().Task.DefaultOutcome, Is.EqualTo("agree"));
    }

    [Test]
    public void Deadline_WithoutADefaultOutcome_StillCancelsTheTask_AndLeavesByExpired()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Task("opinion", "\"agree\"", """ "deadline":"5wd" """), Acts.End(), Acts.End("late", "withdrawn")),
            ["start:done -> opinion", "opinion:agree -> end", "opinion:expired -> late"]));
        driver.Start(Asked);

        driver.Fire(driver.Pending(TimerPurpose.Deadline));

        Assert.That(driver.Task("opinion").Status, Is.EqualTo(HumanTaskStatus.Cancelled));
        Assert.That(driver.Current.Outcome, Is.EqualTo("withdrawn"));
    }

    [TestCase(""" "deadline":"5wd","defaultOutcome":"abstain" """, "unknown-outcome", "'abstain' is not one of the task's outcomes (agree, object)")]
    [TestCase(""" "defaultOutcome":"agree" """, "missing-deadline", "a default outcome is what a deadline's silence means; set deadline too")]
    public void Validate_RefusesADefaultOutcome_TheTaskCannotHaveOrNeverReaches(string inputs, string code, string message)
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Task("opinion", "\"agree\",\"object\"", inputs), Acts.End()),
            ["start:done -> opinion", "opinion:agree -> end", "opinion:object -> end"], validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code, e.Message)),
            Is.EqualTo(new[] { ("$.activities[1].inputs.defaultOutcome", code, $"activity 'opinion' (UserTask), input 'defaultOutcome': {message}") }));
    }

    [Test]
    public void Validate_RefusesAnExpiredConnection_OnATaskWithADefaultOutcome()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start, Acts.Task("opinion", "\"agree\"", """ "deadline":"5wd","defaultOutcome":"agree" """), Acts.End()),
            ["start:done -> opinion", "opinion:agree -> end", "opinion:expired -> end"], validate: false);

        var errors = ProcedureValidator.Validate(definition, Def.File);

        Assert.That(errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.connections[2].outcome", "unknown-port") }), string.Join("\n", errors));
    }
}
