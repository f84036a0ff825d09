namespace CloudApproval.Engine.Activities.Clock;

internal sealed class ExtendLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "ExtendLegalClock", "Legal clock", "Extends the limit with the agency head's approval and written reasons (art. 42: +10 working days).",
        Inputs:
        [
            new("days", InputKind.WorkingDays, true, "Working days added, e.g. 10wd."),
            new("reason", InputKind.Text, true, "The written reason given to the applicant."),
        ],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        var days = context.Duration("days") ?? throw context.Fault("input 'days' is required");
        var reason = context.RequiredText("reason");
        LegalClock.Extend(context, days.Amount, reason);
        context.Notice("clock-extended", "clock-extended", "applicant", new System.Text.Json.Nodes.JsonObject { ["reason"] = reason, ["days"] = days.Amount });
        context.Continue("done");
    }
}
