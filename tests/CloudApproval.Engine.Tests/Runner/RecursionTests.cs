using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Simulation;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Runner;

/// <summary>Procedures that call themselves: refused over the catalogue, bounded at run time.</summary>
public sealed class RecursionTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    /// <summary>A procedure that calls <paramref name="callee"/> (literal or $variable) and ends with its outcome.</summary>
    private static ProcedureDefinition Calling(string id, string callee, int version = 1, string pin = "", string variables = "[]") =>
        Def.Read(Def.Text(
            Acts.List(Acts.Start,
                Acts.Of("call", "CallProcedure", $$"""{"definitionId":"{{callee}}"{{pin}},"outcomes":["approved"]}"""),
                Acts.End("approved")),
            ["start:done -> call", "call:approved -> approved"], variables, id, version));

    private static ProcedureDefinition Plain(string id, int version = 1) =>
        Def.Read(Def.Text(Acts.List(Acts.Start, Acts.End("approved")), ["start:done -> approved"], id: id, version: version));

    private static IReadOnlyList<DefinitionError> Cycles(params ProcedureDefinition[] catalogue) =>
        ProcedureCallGraph.FindCycles(catalogue.Select(d => (d, $"{d.DefinitionId}/v{d.Version}.json")).ToList());

    [Test]
    public void CallGraph_RefusesAProcedureThatCallsItself()
    {
        var errors = Cycles(Calling("loop", "loop"));

        var error = errors.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.File, Is.EqualTo("loop/v1.json"));
            Assert.That(error.Path, Is.EqualTo("$.activities[1].inputs.definitionId"));
            Assert.That(error.Code, Is.EqualTo("call-cycle"));
            Assert.That(error.Message, Does.Contain("loop v1 → loop v1"));
        }
    }

    [Test]
    public void CallGraph_RefusesACycleThroughOthers_NamingEveryCallOnIt()
    {
        var errors = Cycles(Calling("a", "b"), Calling("b", "c"), Calling("c", "a"), Calling("d", "a"));

        Assert.That(errors.Select(e => e.File), Is.EquivalentTo(new[] { "a/v1.json", "b/v1.json", "c/v1.json" }));
        Assert.That(errors.Single(e => e.File == "a/v1.json").Message, Does.Contain("a v1 → b v1 → c v1 → a v1"));
    }

    [Test]
    public void CallGraph_FollowsTheVersionACallStarts()
    {
        // b v2 (the highest) no longer calls back; b v1 does, but only a call pinned to v1 reaches it.
        var unpinned = Cycles(Calling("a", "b"), Calling("b", "a", version: 1), Plain("b", version: 2));
        var pinned = Cycles(Calling("a", "b", pin: ""","version":1"""), Calling("b", "a", version: 1), Plain("b", version: 2));

        Assert.That(unpinned, Is.Empty);
        Assert.That(pinned.Select(e => e.File), Is.EquivalentTo(new[] { "a/v1.json", "b/v1.json" }));
    }

    [Test]
    public void CallGraph_AcceptsCallsThatDoNotLoop_AndCalleesNamedByVariables()
    {
        var errors = Cycles(Calling("a", "b"), Calling("b", "c"), Plain("c"),
            Calling("self", "$next", variables: """[{"name":"next","type":"text","default":"self"}]"""));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void CallProcedure_Faults_BeyondTheNestingBound()
    {
        var driver = new Driver(Calling("loop", "loop"));

        driver.Send(new StartStimulus("case-9", Depth: ProcedureRunner.MaxNestingDepth), Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault!.ActivityId, Is.EqualTo("call"));
        Assert.That(driver.Current.Fault.Message, Does.Contain($"{ProcedureRunner.MaxNestingDepth + 1} sub-procedures deep"));
        Assert.That(driver.EffectsOf<SubProcedureStarted>(), Is.Empty);
    }

    [Test]
    public void Start_IsRejected_ForADepthOutsideTheBound()
    {
        var driver = new Driver(Plain("a"));

        var result = driver.Send(new StartStimulus("case-1", Depth: -1), Now);

        Assert.That(result.Rejection?.Code, Is.EqualTo("invalid-input"));
    }

    [Test]
    public void SubProcedureFaulted_FaultsTheParent_NamingItsCall()
    {
        var driver = new Driver(Calling("a", "b"));
        driver.Start(Now);
        var child = driver.Current.Children.Single();

        driver.Send(new SubProcedureFaultedStimulus(child.Id, "check", "vars.x is undefined"), Now.AddHours(1));

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Faulted));
        Assert.That(driver.Current.Fault, Is.EqualTo(new InstanceFault("call", $"sub-procedure {child.Id} (b) faulted in check: vars.x is undefined")));
    }

    [Test]
    public void SubProcedureFaulted_IsRejected_ForAChildThatAlreadyFinished()
    {
        var driver = new Driver(Calling("a", "b"));
        driver.Start(Now);
        var child = driver.Current.Children.Single();
        driver.Send(new SubProcedureFinishedStimulus(child.Id, "approved"), Now.AddHours(1));

        var result = driver.Send(new SubProcedureFaultedStimulus(child.Id, "check", "late"), Now.AddHours(2));

        Assert.That(result.Rejection?.Code, Is.EqualTo("instance-ended"));
    }

    [Test]
    public void Simulate_ARecursiveProcedure_FaultsEveryLevel_InsteadOfOverflowingTheStack()
    {
        var loop = Calling("loop", "$next", variables: """[{"name":"next","type":"text","default":"loop"}]""");
        var simulator = new Simulator(Driver.Runner, (_, _) => loop);
        var scenario = Scenario.Parse("""{"name":"loop","start":"2026-03-02T09:00:00+08:00","expect":{"status":"faulted"}}""", "loop.json");

        var result = simulator.Run(loop, scenario);

        Assert.That(result.Failures, Is.Empty);
        Assert.That(result.FinalState.Fault!.ActivityId, Is.EqualTo("call"));
        Assert.That(result.FinalState.Fault.Message, Does.Contain("sub-procedures deep"));
        Assert.That(result.Timeline.Count(e => e.Text.StartsWith("start loop", StringComparison.Ordinal)), Is.EqualTo(ProcedureRunner.MaxNestingDepth + 1));
    }
}
