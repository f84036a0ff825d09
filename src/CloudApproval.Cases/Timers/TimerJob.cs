using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Timers;

/// <summary>
/// Fires one timer row (the <see cref="TimerPump"/> calls it for each due row). Idempotent: a row no longer pending
/// (fired, cancelled) is ignored, and the engine checks its own timer record in the transaction that resumes the case,
/// so a row fired twice, or on two nodes at once, changes the case once. The name and signature are those of the
/// Hangfire job of the earlier one-job-per-timer design: such jobs left in a deployment's storage still run, harmlessly.
/// </summary>
public sealed class TimerJob(CasesDbFactory factory, CaseRuntime runtime, TimeProvider time, ILogger<TimerJob> logger)
{
    /// <summary>Recorded as <c>system:timer</c>.</summary>
    private static readonly Actor Timer = Actor.System("timer");

    /// <summary>Fires the row if it is pending and due. False when it stays pending (not yet due, or refused): the pump backs off from it.</summary>
    public async Task<bool> FireAsync(long timerId, CancellationToken cancellationToken)
    {
        CaseTimer? row;
        await using (var db = factory.CreateDbContext())
            row = await db.Timers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        if (row is null || row.Status != CaseTimerStatus.Pending)
        {
            logger.LogDebug("Timer {TimerId} is {Status}; nothing to do", timerId, row?.Status.ToString() ?? "gone");
            return true;
        }
        // Never before its due instant (an old job run early, a clock behind another node's): the pump fires it when due.
        if (row.DueAt > time.GetUtcNow().UtcDateTime) return false;
        CaseOutcome outcome;
        try
        {
            outcome = await runtime.ApplyAsync(row.CaseId, new TimerFiredStimulus(row.LocalId), "timer-fired", Timer, cancellationToken);
        }
        catch (CasesException ex) when (ex.Kind == RefusalKind.Rejected)
        {
            logger.LogWarning("Timer {TimerId} of case {CaseId} refused: {Reason}", timerId, row.CaseId, ex.Message);
            return false;
        }
        catch (CasesException ex) when (ex.IsStoredDataAltered)
        {
            // Retrying at once meets the same refusal, so say it once. The row stays pending until an administrator has
            // looked; the pump tries it again after its back-off.
            logger.LogError("Timer {TimerId} of case {CaseId} cannot fire: {Reason}", timerId, row.CaseId, ex.Message);
            return false;
        }
        // A fault is committed (the case shows why); the operator hears of it here, not only in the case's history.
        foreach (var fault in outcome.Faults)
            logger.LogError("Timer {TimerId} of case {CaseId}: {Fault}", timerId, row.CaseId, fault.ToString());
        return true;
    }
}
