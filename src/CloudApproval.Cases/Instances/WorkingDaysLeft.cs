using CloudApproval.Engine.Calendar;

namespace CloudApproval.Cases.Instances;

/// <summary>How many working days remain until a due date, on the official calendar, as people read it in lists.</summary>
public static class WorkingDaysLeft
{
    /// <summary>
    /// Working days after <paramref name="today"/> up to and including <paramref name="due"/>: 0 when it is due today;
    /// when overdue, minus the working days since (at least 1: the Saturday after a Friday due date is overdue, though
    /// no working day has passed). Null without a due date or when it lies beyond what the calendar counts (twenty years).
    /// </summary>
    public static int? Until(WorkingCalendar calendar, DateOnly today, DateOnly? due)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (due is not { } day) return null;
        try
        {
            return day < today ? -Math.Max(1, calendar.CountWorkingDays(day, today).Value) : calendar.CountWorkingDays(today, day).Value;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
