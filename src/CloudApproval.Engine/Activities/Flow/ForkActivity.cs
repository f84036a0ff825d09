using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Flow;

internal sealed class ForkActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "Fork", "Flow", "Starts every branch at once; a Join naming this Fork waits for all of them.",
        Inputs: [new("branches", InputKind.Outcomes, true, "Branch names; each is a port.")],
        Ports: [],
        Outputs: [],
        PortsFromInput: "branches");

    internal override void Execute(ActivityContext context)
    {
        var branches = context.Strings("branches");
        var fork = new ForkRecord { Id = context.State.NextId("fork"), ActivityId = context.Activity.Id, Branches = branches.Count };
        context.State.Forks.Add(fork);
        foreach (var branch in branches)
        {
            var token = context.Run.NewToken([.. context.Token.ForkStack, fork.Id], context.Token);
            context.Run.Continue(token, context.Activity.Id, branch);
        }
    }
}
