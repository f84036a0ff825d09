using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Instances;

/// <summary>A case as lists show it.</summary>
/// <param name="Id">The case number (CA-yyyyMMdd-XXXXXXXX).</param>
/// <param name="DefinitionId">The procedure.</param>
/// <param name="Version">The procedure version it runs on.</param>
/// <param name="ProcedureName">The name of the procedure version it runs on.</param>
/// <param name="Status">Its status.</param>
/// <param name="Outcome">Its final outcome, once completed.</param>
/// <param name="Applicant">Whose case it is (a user name), when recorded.</param>
/// <param name="StartedBy">Who started it (the applicant, a clerk on their behalf, the operator).</param>
/// <param name="CreatedAt">When it started (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="ClockDueDate">The last day of the legal decision limit: counting while the clock runs, kept once it stops (decided).</param>
/// <param name="WorkingDaysLeft">
/// Working days until <paramref name="ClockDueDate"/> while the case runs and its clock runs: 0 due today, negative
/// overdue; null once decided (the clock stopped) or while suspended (art. 45), when no countdown applies.
/// </param>
/// <param name="ParentCaseId">For a sub-procedure: the case that called it.</param>
/// <param name="LegalClock">The legal clock's status (null: none started), so a list can say stopped or suspended instead of a countdown.</param>
/// <param name="ClockExtended">Whether the legal limit was extended (art. 42).</param>
public sealed record CaseSummary(
    string Id,
    string DefinitionId,
    int Version,
    string? ProcedureName,
    CaseStatus Status,
    string? Outcome,
    string? Applicant,
    string StartedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateOnly? ClockDueDate,
    int? WorkingDaysLeft,
    string? ParentCaseId,
    ClockStatus? LegalClock,
    bool ClockExtended)
{
    /// <summary>A running case whose legal clock runs past its decision day.</summary>
    public bool Overdue => Status == CaseStatus.Running && WorkingDaysLeft < 0;
}
