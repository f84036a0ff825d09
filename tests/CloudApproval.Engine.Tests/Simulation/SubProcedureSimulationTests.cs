using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Simulation;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Simulation;

/// <summary>The simulator plays the shell's part for a parent that ends while its sub-procedure runs (issue #15 item 13).</summary>
public sealed class SubProcedureSimulationTests
{
    private static readonly ProcedureDefinition Child = Def.Read(Def.Text(
        Acts.List(Acts.Start, Acts.Task("review", "\"done\""), Acts.End("end", "completed")),
        ["start:done -> review", "review:done -> end"], id: "child"));

    private static readonly ProcedureDefinition Parent = Def.Flow(
        Acts.List(Acts.Start, Acts.Of("fork", "Fork", """{"branches":["a","b"]}"""),
            Acts.Of("call", "CallProcedure", """{"definitionId":"child","outcomes":["completed"]}"""),
            Acts.Task("withdraw", "\"withdraw\""), Acts.End(), Acts.End("withdrawn", "withdrawn")),
        ["start:done -> fork", "fork:a -> call", "fork:b -> withdraw", "call:completed -> end", "withdraw:withdraw -> withdrawn"]);

    [Test]
    public void AParentThatEnds_TerminatesItsChild_WhoseTasksCloseToo()
    {
        var scenario = Scenario.Parse("""
            {"name":"withdrawn while the child runs","start":"2026-03-02T10:00:00+08:00",
             "steps":[{"check":{"openTasks":["review","withdraw"]}},{"complete":"withdraw","outcome":"withdraw"}],
             "expect":{"status":"completed","outcome":"withdrawn","openTasks":[]}}
            """, "script.json");

        var result = new Simulator(Driver.Runner, (_, _) => Child).Run(Parent, scenario);

        Assert.That(result.Failures, Is.Empty, string.Join("\n", result.Timeline));
        Assert.That(result.Timeline.Select(e => e.ToString()), Has.Some.Match("sub-procedure child-[0-9]+ terminated").And.Some.Contains("completed: terminated"));
    }
}
