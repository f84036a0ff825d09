namespace CloudApproval.Cases.Alerts;

/// <summary>
/// An alert in one member of staff's mailbox: a head's reminder (催办) about a task, or an on-time alert of their
/// department delivered to a head. A mailbox row beside the case, not one of its rows: the reminder itself (who, when,
/// which task, to whom, the message) is the <c>task-reminded</c> entry of the case's audit chain, written in the same
/// transaction; this row only says who has it and whether they have read it (which changes outside any case).
/// </summary>
public sealed class StaffAlert
{
    public long Id { get; set; }
    /// <summary>The user name it is for.</summary>
    public required string Recipient { get; set; }
    /// <summary><see cref="StaffAlertKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Department { get; set; }
    public long? TaskId { get; set; }
    public string? CaseId { get; set; }
    /// <summary>The task's title (a reminder) or the matter's code (an on-time alert), as it was when sent.</summary>
    public string? Subject { get; set; }
    /// <summary>The head's words with a reminder; null when none.</summary>
    public string? Message { get; set; }
    /// <summary>Who sent it: the head, or the system's on-time check.</summary>
    public required string SentBy { get; set; }
    public DateTime SentAt { get; set; }
    public DateTime? ReadAt { get; set; }
    /// <summary>The on-time alert delivered (one row per head and alert).</summary>
    public long? OnTimeAlertId { get; set; }
}

public static class StaffAlertKinds
{
    public const string Reminder = "reminder";
    public const string OnTime = "on-time";
}

/// <summary>An alert as its recipient sees it; <paramref name="ReadAt"/> as it was before this reading.</summary>
public sealed record StaffAlertView(long Id, string Kind, string Department, long? TaskId, string? CaseId, string? Subject, string? Message,
    string SentBy, DateTime SentAt, DateTime? ReadAt);

/// <summary>A reminder sent: the recipients and when.</summary>
public sealed record ReminderSent(long TaskId, string CaseId, IReadOnlyList<string> Recipients, string? Message, DateTime SentAt);
