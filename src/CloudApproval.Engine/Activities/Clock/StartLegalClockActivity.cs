using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Clock;

internal sealed class StartLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "StartLegalClock", "Legal clock", "Starts the decision limit (art. 42: 20 working days from acceptance; 45 for joint handling).",
        Inputs:
        [
            new("limit", InputKind.WorkingDays, true, "The legal limit, e.g. 20wd."),
            new("countFrom", InputKind.Choice, false,
                "now (acceptance today) or instanceStart (art. 32: a correction notice not sent in time means accepted on arrival).",
                ["now", "instanceStart"]),
            new("basis", InputKind.Text, false, "Legal basis, e.g. 《行政许可法》第四十二条."),
        ],
        Ports: [new("done", "Always.")],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        var limit = context.Duration("limit") ?? throw context.Fault("input 'limit' is required");
        var from = context.Text("countFrom") == "instanceStart" ? ChinaTime.DateOf(context.State.StartedAt) : context.Today;
        LegalClock.Start(context, limit.Amount, from);
        context.Continue("done");
    }
}
