namespace CloudApproval.Engine.Activities.Clock;

internal sealed class StopLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "StopLegalClock", "Legal clock", "The decision is made: the clock stops (licence issue has its own 10-day limit, art. 44).",
        Inputs: [],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        LegalClock.Stop(context);
        context.Continue("done");
    }
}
