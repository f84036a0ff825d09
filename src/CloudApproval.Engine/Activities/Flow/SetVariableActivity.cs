namespace CloudApproval.Engine.Activities.Flow;

internal sealed class SetVariableActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "SetVariable", "Flow", "Sets a variable to the value of an expression.",
        Inputs:
        [
            new("variable", InputKind.VariableRef, true, "The declared variable to set."),
            new("value", InputKind.Expression, true, "Expression over vars, input and case."),
        ],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        context.Run.Assign(context.Activity.Id, context.RequiredText("variable"), context.Evaluate("value"), context.Token);
        context.Continue("done");
    }
}
