namespace CloudApproval.Cases.Timers;

/// <summary>
/// A timer of a case. The row is the truth: the <see cref="TimerPump"/> fires pending rows once they are due, so a
/// committed row is all a timer needs (nothing to schedule after commit, nothing to repair after a crash).
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
    public DateTime? FiredAt { get; set; }
}

public enum CaseTimerStatus
{
    Pending,
    Fired,
    Cancelled,
}
