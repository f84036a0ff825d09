namespace CloudApproval.Cases.Instances;

/// <summary>
/// What a transition left the case in. A case that faulted is committed (its history shows why, and an administrator
/// can act on it), but it is not a success: every caller must check <see cref="Faulted"/> and say so.
/// </summary>
/// <param name="CaseId">The case acted on (the new one for a start).</param>
/// <param name="Status">Its status after the transition.</param>
/// <param name="Outcome">Its final outcome when completed.</param>
/// <param name="Faults">Cases that faulted in this transition: the case itself, or a sub-procedure it started or resumed.</param>
public sealed record CaseOutcome(string CaseId, CaseStatus Status, string? Outcome, IReadOnlyList<CaseFault> Faults)
{
    public bool Faulted => Faults.Count > 0;
}

/// <summary>A case that faulted, at which activity, and why.</summary>
public sealed record CaseFault(string CaseId, string ActivityId, string Message)
{
    public override string ToString() => $"case {CaseId} faulted at activity '{ActivityId}': {Message}";
}
