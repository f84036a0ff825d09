using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class StartEndTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    [Test]
    public void Start_RunsToEnd_AndCompletesWithTheEndsOutcome()
    {
        var driver = new Driver(Def.Flow(Acts.List(Acts.Start, Acts.End(outcome: "rejected")), ["start:done -> end"]));

        var result = driver.Start(Now);

        Assert.That(result.Accepted, Is.True);
        var state = driver.Current;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.InstanceId, Is.EqualTo("case-1"));
            Assert.That(state.DefinitionId, Is.EqualTo("test"));
            Assert.That(state.Version, Is.EqualTo(1));
            Assert.That(state.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(state.Outcome, Is.EqualTo("rejected"));
            Assert.That(state.StartedAt, Is.EqualTo(Now));
            Assert.That(state.EndedAt, Is.EqualTo(Now));
            Assert.That(state.Tokens, Is.Empty);
            Assert.That(state.CompletedActivities, Is.EqualTo(new[] { "start" }));
            Assert.That(driver.Entered, Is.EqualTo(new[] { "start", "end" }));
            Assert.That(result.Effects[^1], Is.EqualTo(new InstanceCompleted("rejected")));
        }
    }

    [Test]
    public void Start_NeverModifiesTheStateItIsGiven()
    {
        var driver = new Driver(Def.Flow(Acts.List(Acts.Start, Acts.Task("check", "\"ok\""), Acts.End()),
            ["start:done -> check", "check:ok -> end"]));
        driver.Start(Now);
        var before = driver.Current;
        var json = before.ToJson();

        var after = driver.Complete("check", "ok", Now.AddHours(1)).State;

        Assert.That(before.ToJson(), Is.EqualTo(json));
        Assert.That(after, Is.Not.SameAs(before));
        Assert.That(after.Status, Is.EqualTo(InstanceStatus.Completed));
    }

    [Test]
    public void Start_SetsDefaults_ThenDeclaredVariablesFromInput_AndKeepsTheWholeInput()
    {
        const string variables = """
            [{"name":"department","type":"text","default":"market-supervision"},
             {"name":"fee","type":"integer","default":0},
             {"name":"urgent","type":"boolean"}]
            """;
        var driver = new Driver(Def.Flow(Acts.List(Acts.Start, Acts.Task("check", "\"ok\""), Acts.End()),
            ["start:done -> check", "check:ok -> end"], variables));

        driver.Start(Now, new JsonObject { ["fee"] = 120, ["applicant"] = "张三" });

        var state = driver.Current;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Variables.ToJsonString(EngineJson.Options), Is.EqualTo("""{"department":"market-supervision","fee":120,"urgent":null}"""));
            Assert.That(state.Input.ToJsonString(EngineJson.Options), Is.EqualTo("""{"fee":120,"applicant":"张三"}"""));
            Assert.That(state.Status, Is.EqualTo(InstanceStatus.Running));
        }
    }

    [Test]
    public void Start_IsRejected_WhenInputDoesNotFitTheVariablesType()
    {
        var driver = new Driver(Def.Flow(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"], """[{"name":"fee","type":"integer"}]"""));

        var result = driver.Start(Now, new JsonObject { ["fee"] = "a lot" });

        Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-input"));
        Assert.That(result.Rejection?.Message, Does.Contain("input.fee"));
        Assert.That(result.Effects, Is.Empty);
        Assert.That(driver.State, Is.Null);
    }

    [Test]
    public void Start_IsRejected_WithoutAnInstanceId()
    {
        var driver = new Driver(Def.Flow(Acts.List(Acts.Start, Acts.End()), ["start:done -> end"]));

        var result = driver.Send(new StartStimulus(" "), Now);

        Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-input"));
    }

    [Test]
    public void End_CancelsTheOpenTasksAndTimersOfEveryOtherBranch()
    {
        var definition = Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("fork", "Fork", """{"branches":["work","wait"]}"""),
                Acts.Task("check", "\"ok\"", "\"deadline\":\"10wd\""),
                Acts.Of("pause", "Timer", """{"duration":"1d"}"""),
                Acts.End("checked"),
                Acts.End("timed-out", "terminated"),
                Acts.End("late", "withdrawn")),
            ["start:done -> fork", "fork:work -> check", "fork:wait -> pause", "check:ok -> checked", "check:expired -> late", "pause:done -> timed-out"]);
        var driver = new Driver(definition);
        driver.Start(Now);
        var task = driver.OpenTask("check");
        var deadline = driver.Pending(TimerPurpose.Deadline);

        driver.Fire(driver.Pending(TimerPurpose.Wait));

        var state = driver.Current;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(state.Outcome, Is.EqualTo("terminated"));
            Assert.That(driver.Task("check").Status, Is.EqualTo(HumanTaskStatus.Cancelled));
            Assert.That(state.FindTimer(deadline.Id)!.Status, Is.EqualTo(TimerStatus.Cancelled));
            Assert.That(state.Tokens, Is.Empty);
            Assert.That(driver.EffectsOf<TaskCancelled>().Single().TaskId, Is.EqualTo(task.Id));
            Assert.That(driver.EffectsOf<TimerCancelled>().Single().TimerId, Is.EqualTo(deadline.Id));
        }
    }
}
