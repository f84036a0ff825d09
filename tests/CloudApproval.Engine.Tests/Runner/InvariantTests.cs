using System.Diagnostics;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

/// <summary>
/// The runner's promises under values and stimuli that broke them (issue #15 items 4, 6-9, 12-14; issue #6 item 13):
/// typed variables stay typed, the state is plain JSON, stimuli that do not fit are rejected, runs are deterministic,
/// effects are snapshots, ending a parent ends its children, and no expression outruns its limit.
/// </summary>
public sealed class InvariantTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    private static Driver Set(string variables, string expression, bool validate = true) => new(Def.Flow(
        Acts.List(Acts.Start, Acts.Of("set", "SetVariable", $$"""{"variable":"v","value":{{System.Text.Json.JsonSerializer.Serialize(expression)}}}"""),
            Acts.Task("check", "\"ok\""), Acts.End()),
        ["start:done -> set", "set:done -> check", "check:ok -> end"], variables, validate));

    private static Driver Waiting() => new(Def.Flow(
        Acts.List(Acts.Start, Acts.Of("wait", "WaitForEvent", """{"event":"paid","saveAs":"payment"}"""), Acts.End()),
        ["start:done -> wait", "wait:received -> end"], """[{"name":"payment","type":"json"}]"""));

    // ---- #15 item 4: typed variables ----

    [TestCase("duration", "({})")]
    [TestCase("duration", "'ten days'")]
    [TestCase("text", "({ a: 1 })")]
    [TestCase("integer", "1.5")]
    [TestCase("boolean", "'yes'")]
    public void SetVariable_FaultsWhenTheValueDoesNotFitTheVariablesType(string type, string expression)
    {
        var driver = Set($$"""[{"name":"v","type":"{{type}}"}]""", expression);

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.ActivityId, Is.EqualTo("set"));
        Assert.That(driver.Current.Fault.Message, Does.Contain("variable 'v'"));
        Assert.That(driver.Current.Variables["v"], Is.Null);
    }

    [Test]
    public void DurationVariableInCalendarTime_FaultsWhereWorkingDaysAreExpected()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Task("check", "\"ok\"", "\"due\":\"$period\""), Acts.End()),
            ["start:done -> check", "check:ok -> end"], """[{"name":"period","type":"duration","default":"2h"}]"""));

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.ActivityId, Is.EqualTo("check"));
        Assert.That(driver.Current.Fault.Message, Does.Contain("'2h' must be in working days"));
    }

    // ---- #15 item 6: values built in code that JSON cannot hold are refused at the stimulus boundary ----

    private static IEnumerable<TestCaseData> NotPlainJson()
    {
        yield return new TestCaseData(JsonValue.Create(double.NaN)).SetArgDisplayNames("NaN");
        yield return new TestCaseData(JsonValue.Create(double.PositiveInfinity)).SetArgDisplayNames("Infinity");
        yield return new TestCaseData(JsonValue.Create(float.NegativeInfinity)).SetArgDisplayNames("-Infinity (float)");
        yield return new TestCaseData(JsonValue.Create("\ud800")).SetArgDisplayNames("lone surrogate");
        yield return new TestCaseData(new JsonArray(JsonValue.Create("ok"), JsonValue.Create("a\udc00b"))).SetArgDisplayNames("lone surrogate in a list");
        yield return new TestCaseData(new JsonObject { ["\ud800"] = 1 }).SetArgDisplayNames("lone surrogate in a key");
        yield return new TestCaseData(new JsonObject { ["note"] = new string('x', PlainJson.MaxTextLength + 1) }).SetArgDisplayNames("text over the length limit");
    }

    [TestCaseSource(nameof(NotPlainJson))]
    public void EventPayload_ThatJsonCannotHold_IsRejected_AndTheStateStaysUsable(JsonNode value)
    {
        var driver = Waiting();
        driver.Start(Now);
        var before = driver.Current.ToJson();

        RunResult? result = null;
        Assert.That(() => result = driver.Event("paid", Now.AddHours(1), new JsonObject { ["amount"] = value }), Throws.Nothing);

        Assert.That(result!.Rejection?.Code, Is.EqualTo("invalid-value"));
        Assert.That(result.Rejection!.Message, Does.Contain("payload.amount"));
        Assert.That(driver.Current.ToJson(), Is.EqualTo(before));
        Assert.That(driver.Event("paid", Now.AddHours(2), new JsonObject { ["amount"] = 1 }).Accepted, Is.True);
    }

    [TestCaseSource(nameof(NotPlainJson))]
    public void StartInput_And_TaskData_ThatJsonCannotHold_AreRejected(JsonNode value)
    {
        var driver = new Driver(Def.Flow(Acts.List(Acts.Start, Acts.Task("check", "\"ok\"", "\"saveAs\":\"data\""), Acts.End()),
            ["start:done -> check", "check:ok -> end"], """[{"name":"data","type":"json"}]"""));

        Assert.That(driver.Start(Now, new JsonObject { ["x"] = value.DeepClone() }).Rejection?.Code, Is.EqualTo("invalid-value"));
        Assert.That(driver.State, Is.Null);
        driver.Start(Now);
        var task = driver.OpenTask("check");
        var result = driver.Send(new TaskCompletedStimulus(task.Id, "ok", new JsonObject { ["x"] = value.DeepClone() }), Now);
        Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-value"));
    }

    [Test]
    public void ACorruptState_IsRejected_NotThrown()
    {
        var driver = Waiting();
        driver.Start(Now);
        var state = driver.Current;
        state.Variables["payment"] = JsonValue.Create(double.NaN);

        RunResult? result = null;
        Assert.That(() => result = Driver.Runner.Run(driver.Definition, state, new EventStimulus("paid"), Now), Throws.Nothing);

        Assert.That(result!.Rejection?.Code, Is.EqualTo("invalid-state"));
    }

    // ---- #15 item 7: expression results round-trip byte for byte ----

    [Test]
    public void SetVariable_ToALoneSurrogate_FaultsNamingTheActivity_AndTheStateRoundTrips()
    {
        var driver = Set("""[{"name":"v","type":"text"}]""", "String.fromCharCode(0xD800)");

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.ActivityId, Is.EqualTo("set"));
        var json = driver.Current.ToJson();
        Assert.That(InstanceState.FromJson(json).ToJson(), Is.EqualTo(json));
    }

    // ---- #15 item 8: stimuli with missing parts are rejected ----

    private static IEnumerable<TestCaseData> Incomplete()
    {
        yield return new TestCaseData(new EventStimulus(null!)).SetArgDisplayNames("event without a name");
        yield return new TestCaseData(new EventStimulus("")).SetArgDisplayNames("event with an empty name");
        yield return new TestCaseData(new TaskCompletedStimulus(null!, "ok")).SetArgDisplayNames("task without an id");
        yield return new TestCaseData(new TaskCompletedStimulus("task-1", null!)).SetArgDisplayNames("task without an outcome");
        yield return new TestCaseData(new TimerFiredStimulus(null!)).SetArgDisplayNames("timer without an id");
        yield return new TestCaseData(new SubProcedureFinishedStimulus(null!, "done")).SetArgDisplayNames("child without an id");
        yield return new TestCaseData(new SubProcedureFinishedStimulus("child-1", null!)).SetArgDisplayNames("child without an outcome");
    }

    [TestCaseSource(nameof(Incomplete))]
    public void AStimulusWithAMissingPart_IsRejected_NotAFault(Stimulus stimulus)
    {
        var driver = Waiting();
        driver.Start(Now);
        var before = driver.Current.ToJson();

        RunResult? result = null;
        Assert.That(() => result = driver.Send(stimulus, Now), Throws.Nothing);

        Assert.That(result!.Rejection?.Code, Is.EqualTo("invalid-input"));
        Assert.That(driver.Current.ToJson(), Is.EqualTo(before));
    }

    // ---- #15 item 9: determinism ----

    [TestCase("new Date().toISOString()", "\"2026-03-02T02:00:00.000Z\"")]
    [TestCase("Date.now()", "1772416800000")]
    [TestCase("new Date().getHours()", "10")]
    public void Expressions_SeeTheRunsNow_AndNothingElseOfTheClock(string expression, string expected)
    {
        var driver = Set("""[{"name":"v","type":"json"}]""", expression);

        driver.Start(Now);

        Assert.That(driver.Current.Variables["v"]!.ToJsonString(), Is.EqualTo(expected));
    }

    [TestCase("Math.random()")]
    [TestCase("Math['ran' + 'dom']()")]
    public void Randomness_FaultsAtRunTime(string expression)
    {
        // Past the validator (the designer's draft, a definition read without validation): refused when it runs.
        var driver = Set("""[{"name":"v","type":"json"}]""", expression, validate: false);

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.Message, Does.Contain("random"));
    }

    [Test]
    public void Randomness_IsRefusedByTheValidator()
    {
        var errors = Engine.Validation.ProcedureValidator.Validate(Def.Text(
            Acts.List(Acts.Start, Acts.Of("set", "SetVariable", """{"variable":"v","value":"Math.random() > 0.5"}"""), Acts.End()),
            ["start:done -> set", "set:done -> end"], """[{"name":"v","type":"json"}]"""), Def.File);

        Assert.That(errors.Select(e => (e.Code, e.Path)), Is.EqualTo(new[] { ("nondeterministic", "$.activities[1].inputs.value") }));
    }

    // ---- #15 item 12: effects are snapshots ----

    [Test]
    public void TaskCreated_IsASnapshot_NotTheStatesRecord()
    {
        // The task is created and cancelled in the same run: the other branch ends the instance at once.
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("fork", "Fork", """{"branches":["a","b"]}"""), Acts.Task("check", "\"ok\""), Acts.End()),
            ["start:done -> fork", "fork:a -> check", "fork:b -> end", "check:ok -> end"]));

        driver.Start(Now);

        var created = driver.EffectsOf<TaskCreated>().Single();
        Assert.That(driver.Task("check").Status, Is.EqualTo(HumanTaskStatus.Cancelled));
        Assert.That(created.Task.Status, Is.EqualTo(HumanTaskStatus.Open));
        Assert.That(created.Task.ClosedAt, Is.Null);
    }

    [Test]
    public void VariableSet_FromAnEventPayload_IsASnapshot()
    {
        var driver = Waiting();
        driver.Start(Now);
        driver.Event("paid", Now, new JsonObject { ["amount"] = 1 });
        var set = driver.EffectsOf<VariableSet>().Single();

        ((JsonObject)driver.Current.Variables["payment"]!)["amount"] = 2;

        Assert.That(set.Value!.ToJsonString(), Is.EqualTo("""{"amount":1}"""));
    }

    // ---- #15 item 13: ending a parent ends its running children, visibly ----

    [Test]
    public void AParentThatEnds_TerminatesItsRunningChildren()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("fork", "Fork", """{"branches":["a","b"]}"""),
                Acts.Of("call", "CallProcedure", """{"definitionId":"joint-review","outcomes":["done"]}"""),
                Acts.Task("decide", "\"withdraw\""), Acts.End(), Acts.End("withdrawn", "withdrawn")),
            ["start:done -> fork", "fork:a -> call", "fork:b -> decide", "call:done -> end", "decide:withdraw -> withdrawn"]));
        driver.Start(Now);
        var child = driver.Current.Children.Single();

        driver.Complete("decide", "withdraw", Now.AddHours(1));

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Completed));
        Assert.That(driver.EffectsOf<SubProcedureTerminated>().Single(), Is.EqualTo(new SubProcedureTerminated(child.Id, "the procedure ended: withdrawn")));
        Assert.That(driver.Current.Children.Single().Outcome, Is.EqualTo("terminated"));
    }

    [Test]
    public void Terminate_EndsARunningInstance_CancellingWhatItWaitsFor()
    {
        var driver = new Driver(Def.Flow(Acts.List(Acts.Start, Acts.Task("check", "\"ok\"", "\"deadline\":\"5wd\""), Acts.End(), Acts.End("late", "withdrawn")),
            ["start:done -> check", "check:ok -> end", "check:expired -> late"]));
        driver.Start(Now);

        var result = driver.Send(new TerminateStimulus("the parent procedure ended"), Now.AddHours(1));

        Assert.That(result.Accepted, Is.True);
        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Completed));
        Assert.That(driver.Current.Outcome, Is.EqualTo("terminated"));
        Assert.That(driver.EffectsOf<TaskCancelled>().Single().Reason, Is.EqualTo("the parent procedure ended"));
        Assert.That(driver.EffectsOf<TimerCancelled>().Count(), Is.EqualTo(1));
        Assert.That(driver.Effects[^1], Is.EqualTo(new InstanceCompleted("terminated")));
    }

    // ---- #15 item 14 / #6 item 13: a regular expression cannot outrun the expression limit ----

    [Test]
    public void ReDoS_FaultsWithinTheExpressionLimit()
    {
        var driver = Set("""[{"name":"v","type":"json"}]""", "/(a+)+$/.test('a'.repeat(28) + '!')");
        var clock = Stopwatch.StartNew();

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(clock.Elapsed, Is.LessThan(Expressions.ExpressionEvaluator.WallClockLimit + TimeSpan.FromSeconds(3)));
    }
}
