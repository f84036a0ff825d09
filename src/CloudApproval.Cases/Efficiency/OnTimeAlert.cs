namespace CloudApproval.Cases.Efficiency;

/// <summary>
/// A matter whose decisions in a period (a calendar month) came within the legal limit less often than
/// <see cref="Hosting.CasesSettings.OnTimeAlertPercent"/>: raised by <see cref="OnTimeAlertCheck"/> for the head of the
/// matter's department, who sees it on the efficiency dashboard. A record beside the cases rather than a notice of one:
/// it is about a matter, and a case's notices are the procedure's own (covered by its audit chain).
/// </summary>
public sealed class OnTimeAlert
{
    public long Id { get; set; }
    public required string MatterCode { get; set; }
    public required string Department { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// <summary>Decisions in the period, and of those within the legal limit.</summary>
    public int Decided { get; set; }
    public int WithinLegal { get; set; }
    public double OnTimePercent { get; set; }
    /// <summary>The threshold in force when it was raised.</summary>
    public double ThresholdPercent { get; set; }
    public DateTime RaisedAt { get; set; }
}

/// <summary>An on-time alert as the dashboard shows it.</summary>
public sealed record OnTimeAlertView(string Matter, string Department, DateOnly PeriodFrom, DateOnly PeriodTo, int Decided, int WithinLegal,
    double OnTimePercent, double ThresholdPercent, DateTime RaisedAt);
