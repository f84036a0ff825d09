namespace CloudApproval.Engine.Activities.Clock;

internal sealed class ResumeLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "ResumeLegalClock", "Legal clock", "Counting resumes; the due date moves by the working days the suspension covered.",
        Inputs: [],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        LegalClock.Resume(context.Run, context.Activity.Id);
        context.Continue("done");
    }
}
