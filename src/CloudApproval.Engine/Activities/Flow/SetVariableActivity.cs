using CloudApproval.Engine.Runtime;

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
        var name = context.RequiredText("variable");
        var value = context.Evaluate("value");
        context.State.Variables[name] = value;
        context.Emit(new VariableSet(name, value?.DeepClone()));
        context.Continue("done");
    }
}
