using CloudApproval.Cases.Instances;
using CloudApproval.Engine.Calendar;

namespace CloudApproval.Cases.Tasks;

/// <summary>
/// Working days left until each due date of a list, each distinct date counted once: the calendar counts day by day, so
/// an inbox of tasks months overdue paid ~300 days of counting per row, and a page's rows share a handful of dates.
/// </summary>
internal sealed class DaysLeftByDate(WorkingCalendar calendar, DateOnly today)
{
    private readonly Dictionary<DateOnly, int?> _byDate = [];

    public int? Of(DateOnly? due)
    {
        if (due is not { } day) return null;
        if (!_byDate.TryGetValue(day, out var left)) _byDate[day] = left = WorkingDaysLeft.Until(calendar, today, day);
        return left;
    }
}
