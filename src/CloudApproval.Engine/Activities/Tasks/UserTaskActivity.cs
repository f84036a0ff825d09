using System.Text.Json;
using CloudApproval.Engine.Activities.Clock;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Tasks;

internal sealed class UserTaskActivity : ActivityType
{
    public override ActivityDescriptor Descriptor { get; } = new(
        "UserTask", "Tasks",
        "A human task for a role in a department: claimed by one clerk, completed with one of its outcomes and the form's data.",
        Inputs:
        [
            new("title", InputKind.Text, true, "Shown in the inbox."),
            new("instructions", InputKind.Text, false, "Guidance for the clerk."),
            new("role", InputKind.Role, true, "Role that may claim the task."),
            new("department", InputKind.Department, true, "Department that may claim the task, or $variable."),
            new("outcomes", InputKind.Outcomes, true, "Allowed outcomes; each is a port."),
            new("form", InputKind.FormFields, false, "Fields to fill on completion."),
            new("priority", InputKind.Integer, false, "Higher is more urgent; 0 by default."),
            new("due", InputKind.WorkingDays, false,
                "Due date in working days (soft: the task shows as overdue after); never after a running legal clock's due date (cut back to it, and the task says so)."),
            new("followUp", InputKind.Duration, false, "Send the assignee a reminder after this long."),
            new("deadline", InputKind.Duration, false,
                "Hard limit racing the task: when it passes first, the task is cancelled and the flow leaves by 'expired' (or, with defaultOutcome, completed with it)."),
            new("defaultOutcome", InputKind.Text, false,
                "The outcome silence means (e.g. agree when a consulted department does not answer by the deadline): when the deadline passes, the task is completed with it by system:deadline and the flow leaves by that outcome instead of 'expired'. Needs a deadline."),
            new("escalateTo", InputKind.Role, false,
                "Who answers when the deadline passes unanswered (e.g. department-head): the task is withdrawn and the same task goes to that role in the same department, with no further deadline; the flow keeps waiting instead of leaving by 'expired'. Needs a deadline; not with defaultOutcome."),
            new("saveAs", InputKind.ObjectVariableRef, false, "Variable that receives the completed form data."),
            new("notSameAs", InputKind.ActivityRef, false,
                "Another UserTask whose holder may not hold this one (the hearing officer is not the reviewer); refused with conflict-of-interest when claiming, assigning or completing."),
        ],
        Ports: [new("expired", "The deadline passed before the task was completed.", WhenInput: "deadline", UnlessInputs: ["defaultOutcome", "escalateTo"])],
        Outputs: [new("data", "The completed form data, stored in 'saveAs'.")],
        PortsFromInput: "outcomes");

    internal override void Execute(ActivityContext context)
    {
        var task = new TaskRecord
        {
            Id = context.State.NextId("task"),
            ActivityId = context.Activity.Id,
            Title = context.RequiredText("title"),
            Instructions = context.Text("instructions"),
            Role = context.RequiredText("role"),
            Department = context.RequiredText("department"),
            Outcomes = context.Strings("outcomes"),
            Form = context.Form("form"),
            Priority = context.Integer("priority") ?? 0,
            DefaultOutcome = context.Text("defaultOutcome"),
            CreatedAt = context.Now,
            Status = HumanTaskStatus.Open,
        };
        if (context.Duration("due") is { } due)
        {
            var at = context.EndAfter(due);
            (task.DueAt, task.DueDate, task.DueRule, task.DueProvisional) = (at.At, at.Day, at.Rule, at.Provisional);
            LegalClock.Cap(task, context.State.Clock);
        }
        task.NotSameAs = context.Text("notSameAs");
        task.EscalateTo = context.Text("escalateTo");
        var followUp = context.Duration("followUp") is { } after ? context.StartAfter(after) : null;
        task.FollowUpAt = followUp?.At;
        context.AddTask(task);
        context.Token.TaskId = task.Id;
        context.Token.SaveAs = context.Text("saveAs");
        if (followUp is not null) context.ScheduleTimer(TimerPurpose.Reminder, followUp, notice: "task-follow-up");
        context.ArmDeadline();
        context.Park();
    }

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        if (ActivityChecks.OtherUserTask(activity, definition, "notSameAs") is { } problem) yield return problem;
        var outcomes = activity.Input("outcomes") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList()
            : [];
        foreach (var unknown in ActivityChecks.RequiredForUnknownOutcomes(activity, outcomes)) yield return unknown;
        if (activity.Text("escalateTo") is not null)
        {
            if (activity.Input("deadline") is null)
                yield return new("escalateTo", "missing-deadline", "escalation happens when a deadline passes unanswered; set deadline too");
            if (activity.Text("defaultOutcome") is not null)
                yield return new("escalateTo", "conflicting-inputs", "silence either completes the task with defaultOutcome or escalates it, not both");
        }
        if (activity.Text("defaultOutcome") is not { } silence) yield break;
        if (activity.Input("deadline") is null)
            yield return new("defaultOutcome", "missing-deadline", "a default outcome is what a deadline's silence means; set deadline too");
        if (!outcomes.Contains(silence))
            yield return new("defaultOutcome", "unknown-outcome",
                $"'{Quoted.Of(silence)}' is not one of the task's outcomes ({string.Join(", ", outcomes)})");
    }
}
