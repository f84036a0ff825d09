namespace CloudApproval.Cases.Timers;

/// <summary>
/// A timer of a case. The row is the truth; Hangfire only fires it. A pending row without a job id still has to be
/// scheduled; a cancelled row with a job id still has its job to delete. Both are finished after commit and again
/// by the reconciler at start, so a crash between the two loses nothing.
/// </summary>
public sealed class CaseTimer
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public required string LocalId { get; set; }
    public required string ActivityId { get; set; }
    public required string Purpose { get; set; }
    public DateTime DueAt { get; set; }
    public CaseTimerStatus Status { get; set; }
    public string? HangfireJobId { get; set; }
    public DateTime? FiredAt { get; set; }
}

public enum CaseTimerStatus
{
    Pending,
    Fired,
    Cancelled,
}
