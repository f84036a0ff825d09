namespace CloudApproval.Engine.Runtime;

/// <summary>
/// How a limit counts its days. Licensing limits are working days (art. 82); some limits of other laws are calendar days
/// (the Administrative Penalty Law's 90-day decision limit), so a clock carries its kind.
/// </summary>
public enum DayKind
{
    /// <summary>Working days on the official calendar (<c>45wd</c>).</summary>
    WorkingDays,
    /// <summary>Calendar days (<c>60d</c>).</summary>
    CalendarDays,
}
