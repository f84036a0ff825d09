using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

/// <summary>The shell stores the state as JSON between runs; nothing may be lost or reordered on the way.</summary>
public sealed class InstanceStateJsonTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    private static Driver Busy()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("clock", "StartLegalClock", """{"limit":"20wd"}"""),
                Acts.Of("fork", "Fork", """{"branches":["a","b"]}"""),
                Acts.Task("review", "\"approve\"", """
                    "form":[{"name":"risk","label":"Risk 风险","type":"choice","choices":["low","high"],"required":true}],
                    "due":"5wd","followUp":"2wd","deadline":"10wd","saveAs":"review"
                    """),
                Acts.Of("wait", "WaitForEvent", """{"event":"fee-paid","deadline":"3d","saveAs":"payment"}"""),
                Acts.Of("join", "Join", """{"fork":"fork"}"""),
                Acts.Of("suspend", "SuspendLegalClock", """{"ground":"expert-review","timeNeeded":"10wd","reason":"expert review 专家评审"}"""),
                Acts.Of("call", "CallProcedure", """{"definitionId":"expert-review","outcomes":["done"]}"""),
                Acts.End(), Acts.End("late", "withdrawn")),
            ["start:done -> clock", "clock:done -> fork", "fork:a -> review", "fork:b -> wait", "review:approve -> join", "review:expired -> late",
             "wait:received -> join", "wait:expired -> late", "join:done -> suspend", "suspend:done -> call", "call:done -> end"],
            """[{"name":"review","type":"json"},{"name":"payment","type":"json"},{"name":"note","type":"text","default":"申请人：张三"}]"""));
        driver.Start(Now, new JsonObject { ["applicant"] = "上海某餐饮有限公司", ["fee"] = 120 });
        return driver;
    }

    private static void AssertRoundTrips(InstanceState state)
    {
        var json = state.ToJson();
        var again = InstanceState.FromJson(json).ToJson();
        Assert.That(again, Is.EqualTo(json));
    }

    [Test]
    public void NewState_RoundTrips() => AssertRoundTrips(new InstanceState());

    [Test]
    public void RunningState_WithTasksTimersTokensForksAndClock_RoundTripsByteForByte()
    {
        var driver = Busy();
        var state = driver.Current;
        Assert.That(state.Tasks, Is.Not.Empty);
        Assert.That(state.Timers, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(state.Forks, Is.Not.Empty);
        Assert.That(state.Clock, Is.Not.Null);

        AssertRoundTrips(state);
    }

    [Test]
    public void StateAfterEveryKindOfStep_RoundTripsByteForByte()
    {
        var driver = Busy();
        driver.Event("fee-paid", Now.AddHours(1), new JsonObject { ["amount"] = 120.5 });
        AssertRoundTrips(driver.Current);
        driver.Complete("review", "approve", Now.AddDays(1), new JsonObject { ["risk"] = "low" });
        Assert.That(driver.Current.Children, Is.Not.Empty);
        Assert.That(driver.Current.Clock!.Suspensions, Is.Not.Empty);
        AssertRoundTrips(driver.Current);
        driver.Send(new SubProcedureFinishedStimulus(driver.Current.Children[0].Id, "done"), Now.AddDays(9));
        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Completed));
        AssertRoundTrips(driver.Current);
    }

    [Test]
    public void FaultedState_RoundTrips()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("boom", "SetVariable", """{"variable":"x","value":"vars.x.y"}"""), Acts.End()),
            ["start:done -> boom", "boom:done -> end"], """[{"name":"x","type":"json"}]"""));
        driver.Start(Now);
        Assert.That(driver.Current.Fault, Is.Not.Null);

        AssertRoundTrips(driver.Current);
    }

    [Test]
    public void RoundTrip_KeepsEveryValue()
    {
        var state = Busy().Current;

        var copy = InstanceState.FromJson(state.ToJson());

        var task = copy.Tasks.Single();
        var original = state.Tasks.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(copy.InstanceId, Is.EqualTo("case-1"));
            Assert.That(copy.StartedAt, Is.EqualTo(Now));
            Assert.That(copy.StartedAt.Offset, Is.EqualTo(China.Offset));
            Assert.That(copy.Input["applicant"]!.GetValue<string>(), Is.EqualTo("上海某餐饮有限公司"));
            Assert.That(copy.Variables["note"]!.GetValue<string>(), Is.EqualTo("申请人：张三"));
            Assert.That(task.DueDate, Is.EqualTo(original.DueDate));
            Assert.That(task.DueAt, Is.EqualTo(original.DueAt));
            Assert.That(task.FollowUpAt, Is.EqualTo(original.FollowUpAt));
            Assert.That(task.Form.Single().Choices, Is.EqualTo(new[] { "low", "high" }));
            Assert.That(copy.Timers.Select(t => (t.Id, t.Purpose, t.DueAt, t.Status, t.Port, t.TokenId)),
                Is.EqualTo(state.Timers.Select(t => (t.Id, t.Purpose, t.DueAt, t.Status, t.Port, t.TokenId))));
            Assert.That(copy.Tokens.Select(t => (t.Id, t.ActivityId, t.TaskId, string.Join(",", t.ForkStack), string.Join(",", t.Events.Keys))),
                Is.EqualTo(state.Tokens.Select(t => (t.Id, t.ActivityId, t.TaskId, string.Join(",", t.ForkStack), string.Join(",", t.Events.Keys)))));
            Assert.That(copy.Clock!.DueDate, Is.EqualTo(state.Clock!.DueDate));
            Assert.That(copy.Sequence, Is.EqualTo(state.Sequence));
        }
    }

    [Test]
    public void Json_IsCamelCase_WithEnumsAsText_AndChineseUnescaped()
    {
        var json = Busy().Current.ToJson();

        Assert.That(json, Does.Contain("\"status\":\"running\"").And.Contain("\"purpose\":\"legalLimit\"").And.Contain("申请人：张三"));
        Assert.That(json, Does.Not.Contain("\\u"));
    }

    [Test]
    public void Effects_RoundTripThroughJson_WithTheirKind()
    {
        var effects = Busy().Effects;

        var json = JsonSerializer.Serialize(effects, EngineJson.Options);
        var back = JsonSerializer.Deserialize<List<Effect>>(json, EngineJson.Options)!;

        Assert.That(json, Does.Contain("\"kind\":\"taskCreated\"").And.Contain("\"kind\":\"legalClockChanged\""));
        Assert.That(back.Select(e => e.Describe()), Is.EqualTo(effects.Select(e => e.Describe())));
        Assert.That(JsonSerializer.Serialize(back, EngineJson.Options), Is.EqualTo(json));
    }

    [Test]
    public void RemoteSessionEffect_RoundTripsThroughJson()
    {
        Effect[] effects = [new RemoteSessionScheduled("hearing", China.At(2026, 3, 11, 9), "parties", "hearing")];

        var json = JsonSerializer.Serialize(effects, EngineJson.Options);
        var back = JsonSerializer.Deserialize<Effect[]>(json, EngineJson.Options)!;

        Assert.That(json, Is.EqualTo("""[{"kind":"remoteSessionScheduled","sessionKind":"hearing","at":"2026-03-11T09:00:00+08:00","recipients":"parties","activityId":"hearing"}]"""));
        Assert.That(back, Is.EqualTo(effects));
    }

    [Test]
    public void Stimuli_RoundTripThroughJson_WithTheirKind()
    {
        Stimulus[] stimuli =
        [
            new StartStimulus("case-1", new JsonObject { ["fee"] = 1 }, "portal"),
            new TaskCompletedStimulus("task-2", "approve", new JsonObject { ["opinion"] = "ok" }, "clerk-li"),
            new EventStimulus("materials-supplemented"),
            new TimerFiredStimulus("timer-3"),
            new SubProcedureFinishedStimulus("child-4", "completed"),
        ];

        var json = JsonSerializer.Serialize(stimuli, EngineJson.Options);
        var back = JsonSerializer.Deserialize<Stimulus[]>(json, EngineJson.Options)!;

        Assert.That(back.Select(s => s.GetType()), Is.EqualTo(stimuli.Select(s => s.GetType())));
        Assert.That(JsonSerializer.Serialize(back, EngineJson.Options), Is.EqualTo(json));
        Assert.That(json, Does.StartWith("[{\"kind\":\"start\""));
    }

    [Test]
    public void RunningFromTheStoredJson_GivesTheSameResult_AsRunningFromTheObject()
    {
        var direct = Busy();
        var stored = Busy();

        direct.Event("fee-paid", Now.AddHours(1));
        var fromJson = Driver.Runner.Run(stored.Definition, InstanceState.FromJson(stored.Current.ToJson()), new EventStimulus("fee-paid"), Now.AddHours(1));

        Assert.That(fromJson.State.ToJson(), Is.EqualTo(direct.Current.ToJson()));
        Assert.That(fromJson.Effects.Select(e => e.Describe()), Is.EqualTo(direct.Effects.Select(e => e.Describe())));
    }
}
