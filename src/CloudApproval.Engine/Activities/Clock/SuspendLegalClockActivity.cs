namespace CloudApproval.Engine.Activities.Clock;

internal sealed class SuspendLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "SuspendLegalClock", "Legal clock", "Stops counting (art. 45: hearings, surveys, testing, expert review) and tells the applicant in writing.",
        Inputs: [new("reason", InputKind.Text, true, "Why the time is not counted.")],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        var reason = context.RequiredText("reason");
        LegalClock.Suspend(context, reason);
        context.Notice("clock-suspended", "clock-suspended", "applicant", new System.Text.Json.Nodes.JsonObject { ["reason"] = reason });
        context.Continue("done");
    }
}
