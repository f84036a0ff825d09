using System.Globalization;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Activities.Clock;

/// <summary>
/// The decision clock of Administrative Licensing Law art. 42 (N working days from acceptance, extended once, before it
/// has passed, with the head's approval) with the suspensions of art. 45 (only its grounds, told to the applicant),
/// beside the matter's shorter promised limit (承诺时限). A suspension runs from the day it starts (not counted) to the
/// day counting resumes (counted). Timers alert before the limit (<c>warnBefore</c>), when it is reached, and when a
/// suspension outlasts its maximum length.
/// </summary>
internal static class LegalClock
{
    /// <summary>Early warnings when <c>warnBefore</c> is not given: 3 and 1 working days before the limit.</summary>
    public static readonly IReadOnlyList<int> DefaultWarnBefore = [3, 1];

    /// <summary>Art. 42 ¶2: joint or centralised handling (art. 26) has 45 working days.</summary>
    public const int JointLimit = 45;

    /// <summary>Who approves an extension of a single organ's limit: the head of the organ (art. 42 ¶1).</summary>
    public const string OrganHeadRole = "department-head";

    /// <summary>Who approves an extension of a joint matter's limit: the head of the people's government at that level (art. 42 ¶2).</summary>
    public const string GovernmentHeadRole = "government-head";

    /// <summary>The statutory extension in working days: 10 (art. 42 ¶1), 15 for joint handling (art. 42 ¶2).</summary>
    public static int MaxExtension(bool joint) => joint ? 15 : 10;

    /// <summary>The task role whose approval an extension needs.</summary>
    public static string ApproverRole(bool joint) => joint ? GovernmentHeadRole : OrganHeadRole;

    public static void Start(RunContext run, string activityId, int limit, int? promised, DateOnly startedOn, IReadOnlyList<int> warnBefore,
        DayKind dayKind = DayKind.WorkingDays, bool joint = false)
    {
        // A clock started anew (acceptance after a correction) replaces the old one; none of its timers may fire.
        if (run.State.Clock is { } previous) CancelTimers(run, previous, includingSuspension: true);
        run.State.Clock = new LegalClockState
        {
            Status = ClockStatus.Running,
            ActivityId = activityId,
            LimitWorkingDays = limit,
            PromisedWorkingDays = promised,
            StartedOn = startedOn,
            WarnBeforeWorkingDays = [.. warnBefore],
            DayKind = dayKind,
            Joint = joint,
        };
        Reschedule(run, activityId, "started", null);
    }

    public static void Suspend(RunContext run, string activityId, ClockSuspension suspension, Moment? alertAt)
    {
        var clock = run.State.Clock is { Status: ClockStatus.Running } running
            ? running
            : throw new ActivityFaultException(activityId, "cannot suspend the legal clock: it is not running");
        clock.Status = ClockStatus.Suspended;
        clock.Suspensions.Add(suspension);
        Reschedule(run, activityId, "suspended", suspension.Reason);
        if (alertAt is not null) clock.SuspensionTimerId = run.ScheduleTimer(activityId, null, TimerPurpose.SuspensionLimit, alertAt).Id;
    }

    public static void Resume(RunContext run, string activityId)
    {
        var clock = run.State.Clock;
        if (clock is not { Status: ClockStatus.Suspended }) throw new ActivityFaultException(activityId, "the legal clock is not suspended");
        CloseSuspension(run, clock);
        clock.Status = ClockStatus.Running;
        Reschedule(run, activityId, "resumed", null);
    }

    /// <summary>
    /// Extends the limit once (art. 42) by <paramref name="days"/> (by default the statutory extension of a working-day
    /// clock); returns why not when the law does not allow it now, and changes nothing then.
    /// </summary>
    public static string? Extend(RunContext run, string activityId, Definitions.Duration? days, string reason, string approvedBy)
    {
        var clock = run.State.Clock;
        var approval = run.State.Tasks.LastOrDefault(t => t.ActivityId == approvedBy && t.Status == HumanTaskStatus.Completed);
        var refusal = clock switch
        {
            null => "the legal clock has not started",
            { Status: not ClockStatus.Running } => $"the legal clock is not running (it is {Name(clock.Status)})",
            { ExtensionWorkingDays: > 0 } => "the limit was already extended once; art. 42 allows one extension",
            { DueDate: { } due } when run.Today > due => $"the limit passed on {Iso(due)}; an extension must be granted before it (art. 42)",
            _ => ExtensionProblem(clock, days) ?? ApprovalProblem(clock, approval, approvedBy),
        };
        if (refusal is not null)
        {
            run.Emit(Changed(clock, "extension-refused", refusal));
            return refusal;
        }
        clock!.ExtensionWorkingDays = days?.Amount ?? MaxExtension(clock.Joint);
        Reschedule(run, activityId, "extended", reason);
        return null;
    }

    /// <summary>
    /// The decision is made (or the instance ends): an open suspension closes today, the due dates are kept and
    /// on-time is judged against each. <paramref name="recount"/> false keeps the due date as it stands (a faulting
    /// instance must not compute again).
    /// </summary>
    public static void Stop(RunContext run, string activityId, bool recount = true)
    {
        var clock = run.State.Clock;
        if (clock is null or { Status: ClockStatus.Stopped }) throw new ActivityFaultException(activityId, "the legal clock has not started or has stopped");
        var wasSuspended = clock.Status == ClockStatus.Suspended;
        if (wasSuspended) CloseSuspension(run, clock);
        if (wasSuspended && recount) CountDueDates(run, clock);
        clock.Status = ClockStatus.Stopped;
        clock.StoppedOn = run.Today;
        clock.OnTimeLegal = clock.DueDate is { } due ? run.Today <= due : null;
        clock.OnTimePromised = clock.PromisedDueDate is { } promised ? run.Today <= promised : null;
        Reschedule(run, activityId, "stopped", null);
    }

    /// <summary>A task's due date never lies beyond the legal limit of a running clock: a later one is cut back to it.</summary>
    public static void Cap(TaskRecord task, LegalClockState? clock)
    {
        task.DueCappedByLegalLimit = false;
        if (clock is not { Status: ClockStatus.Running, DueDate: { } limit } || task.DueDate is not { } due || due <= limit) return;
        task.DueDate = limit;
        task.DueAt = ChinaTime.EndOf(limit);
        task.DueCappedByLegalLimit = true;
        task.DueProvisional = clock.Provisional;
    }

    /// <summary>Handles the clock's own timers: the limit reached, an early warning, a suspension outlasting its maximum.</summary>
    public static void TimerFired(RunContext run, TimerRecord timer)
    {
        var clock = run.State.Clock;
        var data = new JsonObject { ["dueDate"] = clock?.DueDate is { } due ? Iso(due) : null };
        switch (timer.Purpose)
        {
            case TimerPurpose.LegalLimit:
                if (clock is not null) clock.TimerId = null;
                run.Emit(new NoticeSent("legal-limit-reached", "legal-limit-reached", "department-head", timer.ActivityId, data));
                break;
            case TimerPurpose.LegalWarning:
                clock?.WarningTimerIds.Remove(timer.Id);
                foreach (var task in run.State.Tasks.Where(t => t.Status == HumanTaskStatus.Open))
                    run.Emit(new NoticeSent("legal-limit-warning", "legal-limit-warning", "assignee", timer.ActivityId,
                        new JsonObject { ["dueDate"] = data["dueDate"]?.DeepClone(), ["task"] = task.Id }));
                run.Emit(new NoticeSent("legal-limit-warning", "legal-limit-warning", "department-head", timer.ActivityId, data));
                break;
            case TimerPurpose.SuspensionLimit:
                if (clock is not null) clock.SuspensionTimerId = null;
                var suspension = clock?.Suspensions.LastOrDefault();
                run.Emit(new NoticeSent("suspension-overrun", "suspension-overrun", "department-head", timer.ActivityId, new JsonObject
                {
                    ["since"] = suspension is null ? null : Iso(suspension.From),
                    ["ground"] = suspension?.Ground,
                    ["timeNeeded"] = suspension?.TimeNeeded,
                }));
                break;
        }
    }

    /// <summary>
    /// Counts a running clock again on the runner's calendar (the official calendar changed); reschedules its timers
    /// and says so when a due date or a warning moved. Returns whether anything changed.
    /// </summary>
    public static bool Recount(RunContext run)
    {
        if (run.State.Clock is not { Status: ClockStatus.Running } clock) return false;
        var before = (clock.DueDate, clock.PromisedDueDate, clock.Provisional);
        var warningsBefore = clock.WarningTimerIds.Select(id => run.State.FindTimer(id)?.DueAt).ToList();
        CountDueDates(run, clock);
        var warningsAfter = Warnings(run, clock).Select(m => (DateTimeOffset?)m.At).ToList();
        if (before == (clock.DueDate, clock.PromisedDueDate, clock.Provisional) && warningsBefore.SequenceEqual(warningsAfter)) return false;
        Reschedule(run, clock.ActivityId, "recomputed", null);
        return true;
    }

    /// <summary>Recounts the due dates and replaces the limit and warning timers; only a running clock has them.</summary>
    private static void Reschedule(RunContext run, string activityId, string action, string? reason)
    {
        var clock = run.State.Clock!;
        CancelTimers(run, clock, includingSuspension: clock.Status == ClockStatus.Stopped);
        if (clock.Status == ClockStatus.Running)
        {
            CountDueDates(run, clock);
            clock.TimerId = run.ScheduleTimer(activityId, null, TimerPurpose.LegalLimit, new Moment(ChinaTime.EndOf(clock.DueDate!.Value), clock.DueDate, null, clock.Provisional)).Id;
            foreach (var warning in Warnings(run, clock))
                clock.WarningTimerIds.Add(run.ScheduleTimer(activityId, null, TimerPurpose.LegalWarning, warning).Id);
        }
        else if (clock.Status == ClockStatus.Suspended)
        {
            // Unknown until counting resumes.
            clock.DueDate = null;
            clock.PromisedDueDate = null;
        }
        run.Emit(Changed(clock, action, reason));
    }

    /// <summary>Why an extension of this length does not fit the clock: a different day kind, or more than the law allows.</summary>
    private static string? ExtensionProblem(LegalClockState clock, Definitions.Duration? days)
    {
        if (clock.DayKind == DayKind.CalendarDays)
            return days is { Unit: Definitions.DurationUnit.Days } ? null : $"the clock counts calendar days; state the extension in calendar days, e.g. 30d, not {days?.ToString() ?? "the default"}";
        if (days is { IsWorkingDays: false }) return $"the clock counts working days; {days} is not an extension in working days";
        var max = MaxExtension(clock.Joint);
        return days is { } d && d.Amount > max
            ? $"{d.Amount} working days is more than the statutory extension of {max}{(clock.Joint ? " for joint handling" : "")}"
            : null;
    }

    /// <summary>
    /// Why the approval does not count: the task is not completed, it was for another role than the one the law names, or
    /// nobody decided (a deadline's default outcome is silence, not a head's approval).
    /// </summary>
    private static string? ApprovalProblem(LegalClockState clock, TaskRecord? approval, string approvedBy)
    {
        var role = ApproverRole(clock.Joint);
        if (approval is null) return $"the head has not approved it: task '{approvedBy}' has not been completed";
        if (approval.Role != role)
            return $"the extension of {(clock.Joint ? "a joint matter's limit" : "the limit")} needs the approval of {role}; task '{approvedBy}' was for {approval.Role}";
        return approval.CompletedBy == RunContext.DeadlineCompleter
            ? $"task '{approvedBy}' was completed by its deadline, not by {role}: silence is not an approval"
            : null;
    }

    private static void CountDueDates(RunContext run, LegalClockState clock)
    {
        var excluded = clock.Suspensions.Select(s => new DateInterval(s.From, s.To)).ToList();
        if (clock.DayKind == DayKind.CalendarDays)
        {
            clock.DueDate = CalendarDaysAfter(clock.StartedOn, clock.LimitWorkingDays + clock.ExtensionWorkingDays, excluded);
            clock.PromisedDueDate = clock.PromisedWorkingDays is { } days ? CalendarDaysAfter(clock.StartedOn, days, excluded) : null;
            clock.Provisional = false;
            return;
        }
        var legal = run.WorkingDaysAfter(clock.StartedOn, clock.LimitWorkingDays + clock.ExtensionWorkingDays, excluded);
        var promised = clock.PromisedWorkingDays is { } p ? run.WorkingDaysAfter(clock.StartedOn, p, excluded) : null;
        clock.DueDate = legal.Value;
        clock.PromisedDueDate = promised?.Value;
        clock.Provisional = !legal.IsExact || promised is { IsExact: false };
    }

    /// <summary>The early warnings still ahead: N working days before the limit's last day, at 09:00.</summary>
    private static List<Moment> Warnings(RunContext run, LegalClockState clock) =>
        clock.WarnBeforeWorkingDays
            // Recounted from the clock, not from a rule of their own.
            .Select(n => run.Resolve(new WorkingDayRule(clock.DueDate!.Value, 0, n, AtNine: true)) with { Rule = null })
            .Where(m => m.At > run.Now)
            .ToList();

    private static void CancelTimers(RunContext run, LegalClockState clock, bool includingSuspension)
    {
        var ids = new HashSet<string>(clock.WarningTimerIds, StringComparer.Ordinal);
        if (clock.TimerId is { } limit) ids.Add(limit);
        if (includingSuspension && clock.SuspensionTimerId is { } suspension) ids.Add(suspension);
        if (ids.Count > 0) run.CancelTimers(t => ids.Contains(t.Id));
        clock.TimerId = null;
        clock.WarningTimerIds.Clear();
        if (includingSuspension) clock.SuspensionTimerId = null;
    }

    private static void CloseSuspension(RunContext run, LegalClockState clock)
    {
        clock.Suspensions[^1] = clock.Suspensions[^1] with { To = run.Today };
        if (clock.SuspensionTimerId is { } id) run.CancelTimers(t => t.Id == id);
        clock.SuspensionTimerId = null;
    }

    /// <summary>The N-th calendar day after a day, the days of suspensions not counted; no calendar needed.</summary>
    private static DateOnly CalendarDaysAfter(DateOnly from, int days, IReadOnlyList<DateInterval> excluded)
    {
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            // Only a running clock is counted, so every suspension is closed; an open one would exclude every day after it.
            if (!excluded.Any(e => e.To is not null && e.Contains(day))) counted++;
        }
        return day;
    }

    private static LegalClockChanged Changed(LegalClockState? clock, string action, string? reason) => clock is null
        ? new LegalClockChanged(action, ClockStatus.Stopped, null, 0, reason)
        : new LegalClockChanged(action, clock.Status, clock.DueDate, clock.LimitWorkingDays + clock.ExtensionWorkingDays, reason,
            clock.PromisedDueDate, clock.Provisional, clock.OnTimeLegal, clock.OnTimePromised, clock.DayKind);

    private static string Name(ClockStatus status) => status.ToString().ToLowerInvariant();

    internal static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
