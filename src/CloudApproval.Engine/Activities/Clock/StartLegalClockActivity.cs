using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Clock;

internal sealed class StartLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "StartLegalClock", "Legal clock",
        "Starts the decision limit (art. 42: 20 working days from acceptance; 45 for joint handling) and the matter's promised limit (承诺时限). "
        + "The limit carries its day kind: working days (45wd) or, for a law that counts so, calendar days (60d).",
        Inputs:
        [
            new("limit", InputKind.Days, true, "The legal limit, e.g. 20wd, 45wd for joint handling, or 90d for a limit in calendar days."),
            new("promisedLimit", InputKind.Days, false,
                "The matter's promised limit (承诺时限), e.g. 5wd, in the limit's day kind; at most the legal limit. On-time is recorded against each when the clock stops."),
            new("handling", InputKind.Choice, false,
                "single (default: one organ; an extension of up to 10wd approved by its head, department-head) or joint "
                + "(joint or centralised handling, art. 26: a limit in working days, up to 45, extended once by up to 15wd with the approval of the head of the people's government, government-head).",
                ["single", "joint"]),
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
        if (promised is not null && promised.Unit != limit.Unit)
            throw context.Fault($"input 'promisedLimit': {promised} does not count days as the legal limit {limit} does");
        if (promised is not null && promised.Amount > limit.Amount)
            throw context.Fault($"input 'promisedLimit': {promised} is longer than the legal limit {limit}");
        var joint = IsJoint(context.Activity);
        if (joint && (!limit.IsWorkingDays || limit.Amount > LegalClock.JointLimit))
            throw context.Fault($"input 'limit': joint handling has at most {LegalClock.JointLimit} working days (art. 42), not {limit}");
        var from = context.Text("countFrom") == "instanceStart" ? ChinaTime.DateOf(context.State.StartedAt) : context.Today;
        LegalClock.Start(context.Run, context.Activity.Id, limit.Amount, promised?.Amount, from,
            context.WorkingDaysList("warnBefore") ?? LegalClock.DefaultWarnBefore,
            limit.IsWorkingDays ? DayKind.WorkingDays : DayKind.CalendarDays, joint);
        context.Continue("done");
    }

    /// <summary>Whether the clock is for joint or centralised handling (art. 26).</summary>
    public static bool IsJoint(ActivityDefinition activity) => activity.Text("handling") == "joint";

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        var limit = Literal(activity, "limit");
        var promised = Literal(activity, "promisedLimit");
        if (limit is not null && promised is not null && promised.Unit != limit.Unit)
            yield return new("promisedLimit", "invalid-limit", $"the promised limit {promised} counts days differently from the legal limit {limit}; use one day kind");
        else if (limit is not null && promised is not null && promised.Amount > limit.Amount)
            yield return new("promisedLimit", "invalid-limit", $"the promised limit {promised} is longer than the legal limit {limit}");
        if (IsJoint(activity) && limit is not null && (!limit.IsWorkingDays || limit.Amount > LegalClock.JointLimit))
            yield return new("limit", "invalid-limit", $"joint handling has at most {LegalClock.JointLimit} working days (art. 42, art. 82), not {limit}");
    }

    private static Duration? Literal(ActivityDefinition activity, string input) => Duration.TryParse(activity.Text(input), out _);
}
