using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tasks;

/// <summary>A task as inboxes and case files show it: JSON columns as JSON, the case the applicant knows, the working days left.</summary>
/// <param name="Id">The task's id (what claim/complete address).</param>
/// <param name="CaseId">The case (or sub-procedure) the task belongs to.</param>
/// <param name="RootCaseId">The case the applicant sees (the case number to show).</param>
/// <param name="Applicant">The applicant of the case, when recorded.</param>
/// <param name="LocalId">The engine's id of the task in its case (task-3).</param>
/// <param name="ActivityId">The activity of the procedure that created it.</param>
/// <param name="DefinitionId">The procedure.</param>
/// <param name="Title">What to do.</param>
/// <param name="Instructions">How to do it.</param>
/// <param name="Role">The task role that may take it (intake-clerk, reviewer ...).</param>
/// <param name="Department">The department whose staff take it.</param>
/// <param name="Assignee">Who holds it.</param>
/// <param name="Status">Its status.</param>
/// <param name="Priority">Higher first.</param>
/// <param name="CreatedAt">When it started (UTC).</param>
/// <param name="DueAt">The deadline instant, when it has one.</param>
/// <param name="DueDate">The last working day, when the task has a deadline in working days.</param>
/// <param name="WorkingDaysLeft">Working days until <paramref name="DueDate"/>: 0 due today, negative overdue.</param>
/// <param name="FollowUpAt">When to follow up.</param>
/// <param name="Outcomes">The outcomes the task may be completed with.</param>
/// <param name="Form">The form fields the task declares.</param>
/// <param name="Outcome">Its final outcome, once completed.</param>
/// <param name="Data">The form data it was completed with.</param>
/// <param name="CompletedBy">Who completed it.</param>
/// <param name="ClosedAt">When it was completed or cancelled.</param>
/// <param name="Case">In inbox lists: the matter applied for and the legal clock of the task's case (null elsewhere).</param>
public sealed record TaskView(
    long Id,
    string CaseId,
    string RootCaseId,
    string? Applicant,
    string LocalId,
    string ActivityId,
    string DefinitionId,
    string Title,
    string? Instructions,
    string Role,
    string Department,
    string? Assignee,
    WorkTaskStatus Status,
    int Priority,
    DateTime CreatedAt,
    DateTime? DueAt,
    DateOnly? DueDate,
    int? WorkingDaysLeft,
    DateTime? FollowUpAt,
    IReadOnlyList<string> Outcomes,
    JsonNode? Form,
    string? Outcome,
    JsonNode? Data,
    string? CompletedBy,
    DateTime? ClosedAt,
    TaskCaseContext? Case = null)
{
    /// <summary>True when an open task's due date has passed.</summary>
    public bool Overdue => WorkingDaysLeft < 0 && Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed;

    internal static TaskView From(WorkTask t, string rootCaseId, string? applicant, WorkingCalendar calendar, DateOnly today) =>
        From(t, rootCaseId, applicant, due => Instances.WorkingDaysLeft.Until(calendar, today, due));

    /// <param name="t">The task.</param>
    /// <param name="rootCaseId">Its root case.</param>
    /// <param name="applicant">The applicant of its case.</param>
    /// <param name="daysLeft">Working days left until a due date (a list passes <see cref="DaysLeftByDate"/>, which counts each date once).</param>
    internal static TaskView From(WorkTask t, string rootCaseId, string? applicant, Func<DateOnly?, int?> daysLeft) => new(
        t.Id, t.CaseId, rootCaseId, applicant, t.LocalId, t.ActivityId, t.DefinitionId, t.Title, t.Instructions, t.Role, t.Department,
        t.Assignee, t.Status, t.Priority, t.CreatedAt, t.DueAt, t.DueDate,
        t.Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed ? daysLeft(t.DueDate) : null,
        t.FollowUpAt, StoredJson.Strings(t.OutcomesJson), StoredJson.Parse(t.FormJson), t.Outcome,
        StoredJson.Parse(t.DataJson), t.CompletedBy, t.ClosedAt);
}

/// <summary>What an inbox shows of a task's case beside the task: the matter applied for and the legal clock's state.</summary>
/// <param name="Matter">The matter's code, for a case applied for online.</param>
/// <param name="MatterName">The matter's names (zh, en).</param>
/// <param name="Clock">The legal clock's state, once started (running, suspended, stopped).</param>
/// <param name="Extended">Whether the decision limit was extended (art. 42).</param>
public sealed record TaskCaseContext(string? Matter, Matters.MatterName? MatterName, ClockStatus? Clock, bool Extended);
