namespace CloudApproval.Cases.Licences;

/// <summary>
/// One Hangfire timer of a licence's renewal cycle (art. 50): a reminder some days before expiry, or the expiry itself.
/// The row's status is the guard: the job changes it from pending in the transaction that sends the reminder or marks
/// the licence expired, so a job Hangfire runs twice acts once.
/// </summary>
public sealed class LicenceReminder
{
    public long Id { get; set; }
    public required string LicenceNumber { get; set; }
    /// <summary><c>remind-60</c>, <c>remind-30</c> (days before the last valid day), or <c>expire</c>.</summary>
    public required string Kind { get; set; }
    /// <summary>The last valid day the timer was planned for: an extension plans new ones for the new day.</summary>
    public DateOnly ForUntil { get; set; }
    public DateTime DueAt { get; set; }
    public LicenceReminderStatus Status { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? HangfireJobId { get; set; }

    public const string Expire = "expire";

    public static string RemindKind(int daysBefore) => $"remind-{daysBefore}";
}

public enum LicenceReminderStatus
{
    Pending,
    Done,
    /// <summary>The licence was revoked or extended first (an extension schedules new ones).</summary>
    Cancelled,
}
