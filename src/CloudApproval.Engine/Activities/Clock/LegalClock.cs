using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Clock;

/// <summary>
/// The decision clock of Administrative Licensing Law art. 42 (N working days from acceptance, extendable) with the
/// suspensions of art. 45 (hearings, surveys, expert reviews are not counted). A suspension runs from the day it
/// starts (not counted) to the day counting resumes (counted). A timer alerts the department when the limit is reached.
/// </summary>
internal static class LegalClock
{
    public static void Start(ActivityContext context, int limit, DateOnly startedOn)
    {
        // A clock started anew (acceptance after a correction) replaces the old one; its limit timer must not fire.
        if (context.State.Clock?.TimerId is { } previous) context.Run.CancelTimers(t => t.Id == previous);
        context.State.Clock = new LegalClockState { Status = ClockStatus.Running, LimitWorkingDays = limit, StartedOn = startedOn };
        Reschedule(context, "started", null);
    }

    public static void Suspend(ActivityContext context, string reason)
    {
        var clock = Running(context, "suspend");
        clock.Status = ClockStatus.Suspended;
        clock.Suspensions.Add(new ClockSuspension(context.Today, null, reason));
        Reschedule(context, "suspended", reason);
    }

    public static void Resume(ActivityContext context)
    {
        var clock = context.State.Clock;
        if (clock is not { Status: ClockStatus.Suspended }) throw context.Fault("the legal clock is not suspended");
        clock.Suspensions[^1] = clock.Suspensions[^1] with { To = context.Today };
        clock.Status = ClockStatus.Running;
        Reschedule(context, "resumed", null);
    }

    public static void Extend(ActivityContext context, int days, string reason)
    {
        var clock = context.State.Clock;
        if (clock is null or { Status: ClockStatus.Stopped }) throw context.Fault("the legal clock has not started or has stopped");
        clock.ExtensionWorkingDays += days;
        Reschedule(context, "extended", reason);
    }

    public static void Stop(ActivityContext context)
    {
        var clock = context.State.Clock;
        if (clock is null or { Status: ClockStatus.Stopped }) throw context.Fault("the legal clock has not started or has stopped");
        clock.Status = ClockStatus.Stopped;
        Reschedule(context, "stopped", null);
    }

    private static LegalClockState Running(ActivityContext context, string action) =>
        context.State.Clock is { Status: ClockStatus.Running } clock
            ? clock
            : throw context.Fault($"cannot {action} the legal clock: it is not running");

    /// <summary>Recomputes the due date and replaces the limit timer; only a running clock has either.</summary>
    private static void Reschedule(ActivityContext context, string action, string? reason)
    {
        var clock = context.State.Clock!;
        if (clock.TimerId is { } old) context.Run.CancelTimers(t => t.Id == old);
        clock.TimerId = null;
        clock.DueDate = null;
        if (clock.Status == ClockStatus.Running)
        {
            var excluded = clock.Suspensions.Select(s => new DateInterval(s.From, s.To)).ToList();
            clock.DueDate = context.Run.AddWorkingDays(clock.StartedOn, clock.LimitWorkingDays + clock.ExtensionWorkingDays, excluded);
            clock.TimerId = context.Run.ScheduleTimer(context.Activity.Id, null, TimerPurpose.LegalLimit, ChinaTime.EndOf(clock.DueDate.Value)).Id;
        }
        context.Emit(new LegalClockChanged(action, clock.Status, clock.DueDate, clock.LimitWorkingDays + clock.ExtensionWorkingDays, reason));
    }
}
