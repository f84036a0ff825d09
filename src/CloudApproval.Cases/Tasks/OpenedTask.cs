using CloudApproval.Cases.Access;

namespace CloudApproval.Cases.Tasks;

/// <summary>
/// A task a transition opened, as its task row was staged (no read): what a caller needs to take it next ("I completed
/// this, what is next for me?"). The case's matter and clock are not here: they would cost reads; the task's page has them.
/// </summary>
/// <param name="Id">The task's id (what claim/complete address).</param>
/// <param name="CaseId">The case (or sub-procedure) the task belongs to.</param>
/// <param name="RootCaseId">The case the applicant sees (the case number to show).</param>
/// <param name="ActivityId">The activity of the procedure that created it.</param>
/// <param name="Title">What to do.</param>
/// <param name="Department">The department whose staff take it.</param>
/// <param name="Role">The task role that may take it.</param>
/// <param name="Assignee">Who holds it, when someone does.</param>
/// <param name="DueAt">The deadline instant, when it has one.</param>
/// <param name="DueDate">The last working day, when the task has a deadline in working days.</param>
public sealed record OpenedTask(
    long Id,
    string CaseId,
    string RootCaseId,
    string ActivityId,
    string Title,
    string Department,
    string Role,
    string? Assignee,
    DateTime? DueAt,
    DateOnly? DueDate)
{
    /// <summary>Whether <paramref name="actor"/> may claim and complete it (staff of its department with its task role, its holder).</summary>
    public bool MayBeTakenBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return CaseAccess.MayTake(actor, Department, Role, Assignee);
    }

    internal static OpenedTask From(WorkTask t, string rootCaseId) =>
        new(t.Id, t.CaseId, rootCaseId, t.ActivityId, t.Title, t.Department, t.Role, t.Assignee, t.DueAt, t.DueDate);
}
