using CloudApproval.Cases;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CloudApproval.Web.Features.Cases;

/// <summary>What a change left the case in (a start, an event, a task completed).</summary>
/// <param name="CaseId">The case acted on (the new one for a start).</param>
/// <param name="Status">Its status now.</param>
/// <param name="Outcome">Its final outcome, once completed.</param>
/// <param name="OpenedTasks">
/// The tasks the change opened (in the case and its sub-procedures) that the caller may see, as on the task's own page:
/// the next task to take, without reading the inbox. Empty when none (an applicant starting a case sees none).
/// </param>
public sealed record CaseOutcomeView(string CaseId, CaseStatus Status, string? Outcome, IReadOnlyList<OpenedTask> OpenedTasks)
{
    /// <summary>The view of <paramref name="outcome"/> for <paramref name="actor"/>, who made the change.</summary>
    public static CaseOutcomeView From(CaseOutcome outcome, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new CaseOutcomeView(outcome.CaseId, outcome.Status, outcome.Outcome, outcome.OpenedTasksFor(actor));
    }

    /// <summary>
    /// A change that faulted a case is recorded (its history shows why, and an administrator can act on it) but it is not
    /// a success: 422 with code <c>case-faulted</c>, the case and every fault, never a 2xx a client could take for done.
    /// </summary>
    public static ProblemHttpResult FaultedProblem(CaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The case faulted",
            Detail = string.Join("; ", outcome.Faults) + ". The change is recorded in the case's history; an administrator must look at it.",
        };
        problem.Extensions["code"] = "case-faulted";
        problem.Extensions["caseId"] = outcome.CaseId;
        problem.Extensions["faults"] = outcome.Faults.Select(f => new { f.CaseId, f.ActivityId, f.Message }).ToList();
        return TypedResults.Problem(problem);
    }
}
