namespace CloudApproval.Engine.Calendar;

/// <summary>One year of the official holiday arrangement: days off, and weekend days declared working days (调休).</summary>
/// <param name="Year">The calendar year the file covers.</param>
/// <param name="Source">Where the arrangement was published.</param>
/// <param name="DaysOff">Statutory holidays and swapped rest days.</param>
/// <param name="ExtraWorkingDays">Weekend days declared working days.</param>
public sealed record CalendarYear(int Year, string Source, IReadOnlyList<CalendarDay> DaysOff, IReadOnlyList<CalendarDay> ExtraWorkingDays);

/// <summary>A named day of a holiday arrangement.</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">The holiday it belongs to.</param>
public sealed record CalendarDay(DateOnly Date, string Name);
