namespace CloudApproval.Cases.Audit;

/// <summary>
/// Append-only history of a case, hash-chained: each entry's hash covers its own canonical content and the previous
/// entry's hash, so editing, deleting or reordering any entry breaks every later link.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    /// <summary>1, 2, 3, ... within the case.</summary>
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    /// <summary>What happened: case-started, task-completed, task-claimed, timer-fired, ...</summary>
    public required string Action { get; set; }
    /// <summary>JSON: the stimulus or operation, before/after where it matters, and the engine's journal.</summary>
    public required string Detail { get; set; }
    /// <summary>
    /// SHA-256 of the case's digest map after the transaction that wrote this entry: the case row (state, status,
    /// outcome), its tasks, timers, notices and licences. Empty on entries written before row digests existed.
    /// </summary>
    public string StateDigest { get; set; } = "";
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
