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

/// <summary>A time counted by the runner: the instant, the day people name, how it was counted and whether it may move.</summary>
/// <param name="At">The instant.</param>
/// <param name="Day">The working day it falls on or ends; null for calendar time.</param>
/// <param name="Rule">How it was counted in working days; null for calendar time.</param>
/// <param name="Provisional">True when counted over a year without an official calendar.</param>
internal sealed record Moment(DateTimeOffset At, DateOnly? Day, WorkingDayRule? Rule, bool Provisional);
