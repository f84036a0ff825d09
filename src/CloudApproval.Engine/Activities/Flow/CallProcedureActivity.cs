using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Flow;

internal sealed class CallProcedureActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "CallProcedure", "Flow", "Starts a sub-procedure (e.g. a joint review by another department) and waits for its outcome.",
        Inputs:
        [
            new("definitionId", InputKind.Text, true, "The procedure to start."),
            new("version", InputKind.Integer, false, "A fixed version; the published one when absent."),
            new("input", InputKind.Expression, false, "Expression giving the sub-procedure's start input (an object)."),
            new("outcomes", InputKind.Outcomes, true, "The sub-procedure's final outcomes this call expects; each is a port."),
        ],
        Ports: [],
        Outputs: [new("outcome", "The sub-procedure's final outcome, as the port taken.")],
        PortsFromInput: "outcomes");

    internal override void Execute(ActivityContext context)
    {
        if (context.State.Depth >= ProcedureRunner.MaxNestingDepth)
            throw context.Fault($"'{context.RequiredText("definitionId")}' would run {context.State.Depth + 1} sub-procedures deep, "
                + $"more than the {ProcedureRunner.MaxNestingDepth} allowed: does a procedure call itself, directly or through others?");
        var input = context.Evaluate("input");
        if (input is not null and not JsonObject) throw context.Fault("input 'input' must evaluate to an object");
        var child = new ChildRecord
        {
            Id = context.State.NextId("child"),
            ActivityId = context.Activity.Id,
            DefinitionId = context.RequiredText("definitionId"),
        };
        context.State.Children.Add(child);
        context.Token.ChildId = child.Id;
        context.Emit(new SubProcedureStarted(child.Id, child.DefinitionId, context.Integer("version"), (JsonObject?)input));
        context.Park();
    }
}
