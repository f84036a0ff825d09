using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Clock;

internal sealed class ExtendLegalClockActivity : ActivityType
{
    private const string HeadRole = "department-head";
    private const int DefaultDays = 10;

    public override ActivityDescriptor Descriptor { get; } = new(
        "ExtendLegalClock", "Legal clock",
        "Extends the legal limit once, before it has passed, with the head's approval; the applicant is told the head's reasons (art. 42).",
        Inputs:
        [
            new("days", InputKind.WorkingDays, false, "Working days added; default 10wd, at most the statutory extension (10; 15 for the 45-day joint limit)."),
            new("reason", InputKind.Text, true, "The head's written reasons, told to the applicant; $variable takes them from the approval task (via SetVariable)."),
            new("approvedBy", InputKind.ActivityRef, true, "The UserTask (role department-head) whose completion approved the extension."),
        ],
        Ports:
        [
            new("done", "The limit was extended and the applicant told why."),
            new("refused", "Not allowed: the limit has passed, it was already extended, the clock is not running, or the head has not approved; the reason is in the journal."),
        ],
        Outputs: []);

    internal override void Execute(ActivityContext context)
    {
        var days = context.Duration("days")?.Amount ?? DefaultDays;
        var reason = context.RequiredText("reason");
        var approvedBy = context.RequiredText("approvedBy");
        if (LegalClock.Extend(context.Run, context.Activity.Id, days, reason, approvedBy) is not null)
        {
            context.Continue("refused");
            return;
        }
        var approver = context.State.Tasks.Last(t => t.ActivityId == approvedBy && t.Status == HumanTaskStatus.Completed).CompletedBy;
        context.Notice("clock-extended", "clock-extended", "applicant", new JsonObject
        {
            ["reason"] = reason,
            ["days"] = days,
            ["dueDate"] = LegalClock.Iso(context.State.Clock!.DueDate!.Value),
            ["approvedBy"] = approver,
        });
        context.Continue("done");
    }

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        if (ActivityChecks.OtherUserTask(activity, definition, "approvedBy", HeadRole) is { } problem) yield return problem;
        // The largest extension any clock of this procedure allows; the runner refuses more for the clock actually running.
        var limits = definition.Activities.Where(a => a.Type == "StartLegalClock").Select(a => ActivityChecks.LiteralWorkingDays(a, "limit") ?? 0).ToList();
        var max = LegalClock.MaxExtension(limits.Count == 0 ? 0 : limits.Max());
        if (ActivityChecks.LiteralWorkingDays(activity, "days") is { } days && days > max)
            yield return new("days", "invalid-extension", $"{days}wd is not an extension the law allows: 1 to {max} working days (art. 42)");
    }
}
