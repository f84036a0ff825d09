namespace CloudApproval.Engine.Activities.Clock;

internal sealed class StopLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "StopLegalClock", "Legal clock",
        "The decision is made: the clock stops, keeping its due dates and whether the decision came within the legal and the promised limit (licence issue has its own 10-day limit, art. 44).",
        Inputs: [],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        LegalClock.Stop(context.Run, context.Activity.Id);
        context.Continue("done");
    }
}
