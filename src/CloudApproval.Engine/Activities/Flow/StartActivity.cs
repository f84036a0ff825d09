namespace CloudApproval.Engine.Activities.Flow;

internal sealed class StartActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "Start", "Flow", "Where every instance begins. Exactly one per procedure.",
        Inputs: [],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context) => context.Continue("done");
}
