using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Clock;

internal sealed class StartLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "StartLegalClock", "Legal clock",
        "Starts the decision limit (art. 42: 20 working days from acceptance; 45 for joint handling) and the matter's promised limit (承诺时限).",
        Inputs:
        [
            new("limit", InputKind.WorkingDays, true, "The legal limit, e.g. 20wd."),
            new("promisedLimit", InputKind.WorkingDays, false,
                "The matter's promised limit (承诺时限), e.g. 5wd; at most the legal limit. On-time is recorded against each when the clock stops."),
            new("warnBefore", InputKind.WorkingDaysList, false,
                "Early warnings to the task holders and the department head, in working days before the legal limit; default [\"3wd\",\"1wd\"], [] for none."),
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
        var promised = context.Duration("promisedLimit");
        if (promised is not null && promised.Amount > limit.Amount)
            throw context.Fault($"input 'promisedLimit': {promised} is longer than the legal limit {limit}");
        var from = context.Text("countFrom") == "instanceStart" ? ChinaTime.DateOf(context.State.StartedAt) : context.Today;
        LegalClock.Start(context.Run, context.Activity.Id, limit.Amount, promised?.Amount, from,
            context.WorkingDaysList("warnBefore") ?? LegalClock.DefaultWarnBefore);
        context.Continue("done");
    }

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        if (ActivityChecks.LiteralWorkingDays(activity, "promisedLimit") is { } promised
            && ActivityChecks.LiteralWorkingDays(activity, "limit") is { } limit && promised > limit)
            yield return new("promisedLimit", "invalid-limit", $"the promised limit {promised}wd is longer than the legal limit {limit}wd");
    }
}
