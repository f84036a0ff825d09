using System.Text.Json;

namespace CloudApproval.Engine.Activities.Flow;

internal sealed class DecisionActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "Decision", "Flow", "Leaves by the first branch whose condition is true, else by 'otherwise'.",
        Inputs: [new("branches", InputKind.Branches, true, "Ordered list of {port, condition}.")],
        Ports: [new("otherwise", "No condition was true.")],
        Outputs: [],
        PortsFromInput: "branches");

    internal override void Execute(ActivityContext context)
    {
        if (context.Activity.Input("branches") is { ValueKind: JsonValueKind.Array } branches)
        {
            foreach (var branch in branches.EnumerateArray())
            {
                var port = branch.GetProperty("port").GetString()!;
                var condition = branch.GetProperty("condition").GetString()!;
                if (context.IsTrue(condition))
                {
                    context.Continue(port);
                    return;
                }
            }
        }
        context.Continue("otherwise");
    }
}
