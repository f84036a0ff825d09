using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Flow;

internal sealed class TimerActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "Timer", "Flow", "Waits a duration: working days end at midnight of the N-th working day; calendar time is exact.",
        Inputs: [new("duration", InputKind.Duration, true, "How long to wait, e.g. 5wd, 90d, 10s.")],
        Ports: [new("done", "The time has passed.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        var duration = context.Duration("duration") ?? throw context.Fault("input 'duration' is required");
        context.ScheduleTimer(TimerPurpose.Wait, context.EndAfter(duration), "done");
        context.Park();
    }
}
