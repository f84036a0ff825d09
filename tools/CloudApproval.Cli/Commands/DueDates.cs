using System.Globalization;
using CloudApproval.Engine.Calendar;

namespace CloudApproval.Cli.Commands;

/// <summary>Due dates as the CLI prints them: a date in a year without a calendar file says it is provisional.</summary>
internal static class DueDates
{
    public static string Format(DateOnly day, WorkingCalendar calendar) =>
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (calendar.Covers(day) ? "" : " (provisional)");
}
