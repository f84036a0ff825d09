using CloudApproval.Cases.Access;
using CloudApproval.Cases.Tasks;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// What a transition left the case in. A case that faulted is committed (its history shows why, and an administrator
/// can act on it), but it is not a success: every caller must check <see cref="Faulted"/> and say so.
/// </summary>
/// <param name="CaseId">The case acted on (the new one for a start).</param>
/// <param name="Status">Its status after the transition.</param>
/// <param name="Outcome">Its final outcome when completed.</param>
/// <param name="Faults">Cases that faulted in this transition: the case itself, or a sub-procedure it started or resumed.</param>
/// <param name="OpenedTasks">
/// The tasks the transition opened and left open, in the case and in any sub-procedure it started or resumed, in the
/// order they were created; whoever acted may not see all of them (<see cref="OpenedTasksFor"/>). Their ids are the
/// database's: the list is filled when the transaction commits, and is empty before.
/// </param>
public sealed record CaseOutcome(string CaseId, CaseStatus Status, string? Outcome, IReadOnlyList<CaseFault> Faults, IReadOnlyList<OpenedTask> OpenedTasks)
{
    public bool Faulted => Faults.Count > 0;

    /// <summary>
    /// The opened tasks <paramref name="actor"/> may see, by the rule of a task's own page: staff of its department, its
    /// holder, auditors and admins. An applicant starting a case sees none; a clerk does not see another department's.
    /// </summary>
    public IReadOnlyList<OpenedTask> OpenedTasksFor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return [.. OpenedTasks.Where(t => CaseAccess.CanSee(actor, t.Department, t.Assignee))];
    }
}

/// <summary>A case that faulted, at which activity, and why.</summary>
public sealed record CaseFault(string CaseId, string ActivityId, string Message)
{
    public override string ToString() => $"case {CaseId} faulted at activity '{ActivityId}': {Message}";
}
