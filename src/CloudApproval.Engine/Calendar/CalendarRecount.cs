using CloudApproval.Engine.Activities.Clock;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Engine.Calendar;

/// <summary>
/// Counts an instance's working-day dates again on the runner's calendar after the official calendar changed (a year's
/// arrangement added or corrected): the legal clock with its timers, every pending timer counted in working days, and
/// the due dates of open tasks. Each moved date is an effect; a calendar change that moves nothing is rejected, so the
/// shell writes nothing for that case.
/// </summary>
internal static class CalendarRecount
{
    public static Rejection? Apply(RunContext run)
    {
        var state = run.State;
        var changed = LegalClock.Recount(run);
        foreach (var timer in state.Timers.Where(t => t.Status == TimerStatus.Pending && t.Rule is not null).ToList())
            changed |= Recount(run, timer);
        foreach (var task in state.Tasks.Where(t => t.Status == HumanTaskStatus.Open && t.DueRule is not null))
            changed |= Recount(run, task);
        return changed ? null : new Rejection("calendar-unchanged", $"no date of instance {state.InstanceId} moves with the new calendar");
    }

    /// <summary>A timer whose time moved is replaced (cancelled, scheduled anew) so the shell's job follows it.</summary>
    private static bool Recount(RunContext run, TimerRecord timer)
    {
        var at = run.Resolve(timer.Rule!);
        if (at.At == timer.DueAt && at.Provisional == timer.Provisional) return false;
        run.CancelTimers(t => t.Id == timer.Id);
        var moved = run.ScheduleTimer(new TimerRecord
        {
            TokenId = timer.TokenId,
            ActivityId = timer.ActivityId,
            Purpose = timer.Purpose,
            DueAt = at.At,
            Port = timer.Port,
            NoticeTemplate = timer.NoticeTemplate,
            Rule = timer.Rule,
            Provisional = at.Provisional,
        });
        if (run.State.Clock is { } clock && clock.SuspensionTimerId == timer.Id) clock.SuspensionTimerId = moved.Id;
        var token = run.State.Tokens.Find(t => t.Id == timer.TokenId);
        if (token?.TaskId is { } taskId && run.State.FindTask(taskId) is { } task && task.FollowUpAt == timer.DueAt) task.FollowUpAt = at.At;
        return true;
    }

    private static bool Recount(RunContext run, TaskRecord task)
    {
        var before = (task.DueAt, task.DueDate, task.DueCappedByLegalLimit, task.DueProvisional);
        var at = run.Resolve(task.DueRule!);
        (task.DueAt, task.DueDate, task.DueProvisional) = (at.At, at.Day, at.Provisional);
        LegalClock.Cap(task, run.State.Clock);
        if (before == (task.DueAt, task.DueDate, task.DueCappedByLegalLimit, task.DueProvisional)) return false;
        run.Emit(new TaskDueChanged(task.Id, task.DueAt!.Value, task.DueDate!.Value, task.DueCappedByLegalLimit, task.DueProvisional));
        return true;
    }
}
