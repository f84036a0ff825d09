using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// One running procedure (办件, or a sub-procedure of one). <see cref="StateJson"/> is the engine's state; the other
/// columns are projections of it for queries. Every change goes through <see cref="CaseRuntime"/> in one transaction.
/// </summary>
public sealed class Case
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public CaseStatus Status { get; set; }
    public string? Outcome { get; set; }
    public required string StateJson { get; set; }
    /// <summary>Who started it (recorded name: a user, <c>operator:x</c>, <c>system:x</c>).</summary>
    public required string StartedBy { get; set; }
    /// <summary>
    /// The applicant whose case it is (a user name): they may read it and send it their events. A sub-procedure carries
    /// its root's. Null on cases started before applicants were recorded.
    /// </summary>
    public string? Applicant { get; set; }
    /// <summary>
    /// The department that handles the case (承办部门): its procedure's <c>department</c> when it started, on a root case.
    /// Its staff read the whole tree, with or without a task in it yet. Null on sub-procedures, on cases of a procedure
    /// without that variable, and on cases started before it was recorded.
    /// </summary>
    public string? Department { get; set; }
    /// <summary>The case the applicant sees (its own id for a root): departments see a tree by the tasks anywhere in it.</summary>
    public string RootCaseId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The decision limit's last day while the legal clock runs.</summary>
    public DateOnly? ClockDueDate { get; set; }
    /// <summary>
    /// The legal clock's status (null: the procedure has none) and whether it was extended (art. 42), so that cases can be
    /// searched by them. Projections of <see cref="StateJson"/>, which the audit chain covers: kept out of the row digest,
    /// and compared with the state by the consistency check. Rows written before they existed were projected from their
    /// state by the ProjectLegalClock migration, so the overdue search (clock running, due date passed) can trust them.
    /// </summary>
    public ClockStatus? LegalClock { get; set; }
    public bool ClockExtended { get; set; }
    /// <summary>
    /// The legal clock as JSON (the state's <c>clock</c>; null: none), so the efficiency dashboard reads a backlog of
    /// thousands of open cases' clocks without reading and parsing their whole states. A projection like the columns
    /// above: out of the row digest, compared with the state by the consistency check, filled by the MatterCaseColumns
    /// migration for rows written before it existed.
    /// </summary>
    public string? ClockJson { get; set; }
    /// <summary>
    /// The catalogued matter the case was applied for (its application's, set when the application is submitted; null
    /// for cases not started from an application and for sub-procedures), so the efficiency dashboard reads a matter's
    /// open cases and those that changed in a period by an index instead of every case the matter ever had. A projection
    /// of the application like the clock columns: kept out of the row digest. The MatterCaseColumns migration filled it
    /// for rows written before it existed.
    /// </summary>
    public string? MatterCode { get; set; }
    public string? ParentCaseId { get; set; }
    public string? ParentChildId { get; set; }
    /// <summary>Entries in the audit chain; the next entry's sequence is this plus one.</summary>
    public long AuditCount { get; set; }
    /// <summary>Hash of the last audit entry: a truncated chain no longer matches it.</summary>
    public string AuditHead { get; set; } = "";
    /// <summary>
    /// The digest of each of the case's rows as the last audit entry committed to them (see <c>CaseDigest</c>): a working
    /// copy so a transition hashes only the rows it changes. Verification recomputes it from the rows and never trusts it.
    /// </summary>
    public string RowDigests { get; set; } = "";
    /// <summary>App-managed optimistic concurrency token (SQLite has no rowversion): bumped by every change.</summary>
    public long RowVersion { get; set; }
}

/// <summary>Lifecycle of a case, as the engine reports it.</summary>
public enum CaseStatus
{
    Running,
    Completed,
    Faulted,
}
