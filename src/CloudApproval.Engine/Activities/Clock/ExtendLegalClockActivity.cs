using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Clock;

internal sealed class ExtendLegalClockActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "ExtendLegalClock", "Legal clock",
        "Extends the legal limit once, before it has passed, with the head's approval; the applicant is told the head's reasons (art. 42). "
        + "A joint matter's limit (45 working days) is extended by up to 15 with the approval of the head of the people's government (role government-head).",
        Inputs:
        [
            new("days", InputKind.Days, false,
                "Days added, in the clock's day kind; default the statutory extension of a working-day clock: 10wd, 15wd for joint handling (at most those). A calendar-day clock needs it, e.g. 30d."),
            new("reason", InputKind.Text, true, "The head's written reasons, told to the applicant; $variable takes them from the approval task (via SetVariable)."),
            new("approvedBy", InputKind.ActivityRef, true,
                "The UserTask whose completion approved the extension: role department-head, or government-head for a joint matter; any other role is refused."),
        ],
        Ports:
        [
            new("done", "The limit was extended and the applicant told why."),
            new("refused", "Not allowed: the limit has passed, it was already extended, the clock is not running, or the required head has not approved; the reason is in the journal."),
        ],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        var reason = context.RequiredText("reason");
        var approvedBy = context.RequiredText("approvedBy");
        if (LegalClock.Extend(context.Run, context.Activity.Id, context.Duration("days"), reason, approvedBy) is not null)
        {
            context.Continue("refused");
            return;
        }
        var clock = context.State.Clock!;
        var approver = context.State.Tasks.Last(t => t.ActivityId == approvedBy && t.Status == HumanTaskStatus.Completed).CompletedBy;
        context.Notice("clock-extended", "clock-extended", "applicant", new JsonObject
        {
            ["reason"] = reason,
            ["days"] = clock.ExtensionWorkingDays,
            ["dayKind"] = clock.DayKind == DayKind.CalendarDays ? "calendar" : "working",
            ["dueDate"] = LegalClock.Iso(clock.DueDate!.Value),
            ["approvedBy"] = approver,
        });
        context.Continue("done");
    }

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        // The procedure's clocks say which head must approve and how long an extension may be; with both kinds of clock
        // in one procedure, the runner decides for the clock actually running.
        var clocks = definition.Activities.Where(a => a.Type == "StartLegalClock").Select(StartLegalClockActivity.IsJoint).Distinct().ToList();
        var roles = clocks.Count == 0 ? [LegalClock.OrganHeadRole, LegalClock.GovernmentHeadRole] : clocks.Select(LegalClock.ApproverRole).ToList();
        if (roles.Count == 1)
        {
            if (ActivityChecks.OtherUserTask(activity, definition, "approvedBy", roles[0]) is { } problem) yield return problem;
        }
        else if (ActivityChecks.OtherUserTask(activity, definition, "approvedBy") is { } problem)
        {
            yield return problem;
        }
        else if (activity.Text("approvedBy") is { } id && definition.FindActivity(id)?.Text("role") is { } role && !roles.Contains(role))
        {
            yield return new("approvedBy", "wrong-role", $"task '{id}' is for the role '{role}', not {string.Join(" or ", roles.Select(r => $"'{r}'"))}");
        }
        var units = definition.Activities.Where(a => a.Type == "StartLegalClock")
            .Select(a => Duration.TryParse(a.Text("limit"), out _)?.Unit).Distinct().ToList();
        if (units is [{ } unit] && Duration.TryParse(activity.Text("days"), out _) is { } extension && extension.Unit != unit)
            yield return new("days", "invalid-extension",
                $"{extension} does not count days as the procedure's legal clock does ({(unit == DurationUnit.WorkingDays ? "working days, e.g. 10wd" : "calendar days, e.g. 30d")})");
        var max = LegalClock.MaxExtension(clocks.Contains(true));
        if (ActivityChecks.LiteralWorkingDays(activity, "days") is { } days && days > max)
            yield return new("days", "invalid-extension", $"{days}wd is not an extension the law allows: 1 to {max} working days (art. 42)");
    }
}
