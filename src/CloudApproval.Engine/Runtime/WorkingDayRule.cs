namespace CloudApproval.Engine.Runtime;

/// <summary>
/// How a time was counted in working days: <see cref="Days"/> working days after <see cref="From"/>, then
/// <see cref="DaysBefore"/> working days back from there, at the end of that day or at 09:00. Kept beside the time so
/// that it can be counted again when the official calendar changes.
/// </summary>
/// <param name="From">The day counting starts after.</param>
/// <param name="Days">Working days counted forward.</param>
/// <param name="DaysBefore">Working days counted back from there (a reminder before a deadline).</param>
/// <param name="AtNine">True for 09:00 on the day (something happens that day), false for its end (a limit).</param>
public sealed record WorkingDayRule(DateOnly From, int Days, int DaysBefore = 0, bool AtNine = false);
