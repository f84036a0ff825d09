namespace CloudApproval.Engine.Activities.Flow;

internal sealed class JoinActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "Join", "Flow", "Waits until every branch of its Fork has arrived (of its ForEachParallel: until its completion condition is met), then continues once.",
        Inputs: [new("fork", InputKind.ActivityRef, true, "The Fork or ForEachParallel whose branches this Join waits for.")],
        Ports: [new("done", "All branches arrived, or the ForEachParallel's completion condition was met.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        var forkActivity = context.RequiredText("fork");
        var stack = context.Token.ForkStack;
        var fork = stack.Count == 0 ? null : context.State.Forks.Find(f => f.Id == stack[^1]);
        if (fork is null || fork.ActivityId != forkActivity)
            throw context.Fault($"reached by a flow that did not come from Fork '{forkActivity}'");
        if (fork.Items is not null)
        {
            if (!ForEachParallelActivity.Arrive(context, fork)) return;
        }
        else if (++fork.Arrived < fork.Branches)
        {
            return;
        }
        context.State.Forks.Remove(fork);
        stack.RemoveAt(stack.Count - 1);
        context.Continue("done");
    }
}
