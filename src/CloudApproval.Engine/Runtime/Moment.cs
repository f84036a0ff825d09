namespace CloudApproval.Engine.Runtime;

/// <summary>A time counted by the runner: the instant, the day people name, how it was counted and whether it may move.</summary>
/// <param name="At">The instant.</param>
/// <param name="Day">The working day it falls on or ends; null for calendar time.</param>
/// <param name="Rule">How it was counted in working days; null for calendar time.</param>
/// <param name="Provisional">True when counted over a year without an official calendar.</param>
internal sealed record Moment(DateTimeOffset At, DateOnly? Day, WorkingDayRule? Rule, bool Provisional);
