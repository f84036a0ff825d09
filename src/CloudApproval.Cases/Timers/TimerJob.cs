using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Timers;

/// <summary>
/// The Hangfire job that fires one timer row. Idempotent: a row no longer pending (fired, cancelled) is ignored, and
/// the engine checks its own timer record in the transaction that resumes the case, so a job run twice, or on two
/// nodes at once, changes the case once.
/// </summary>
public sealed class TimerJob(CasesDbFactory factory, CaseRuntime runtime, TimerScheduler scheduler, TimeProvider time, ILogger<TimerJob> logger)
{
    /// <summary>Recorded as <c>system:timer</c>.</summary>
    private static readonly Actor Timer = Actor.System("timer");

    [AutomaticRetry(Attempts = 5)]
    public async Task FireAsync(long timerId, CancellationToken cancellationToken)
    {
        CaseTimer? row;
        await using (var db = factory.CreateDbContext())
            row = await db.Timers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        if (row is null || row.Status != CaseTimerStatus.Pending)
        {
            logger.LogDebug("Timer {TimerId} is {Status}; nothing to do", timerId, row?.Status.ToString() ?? "gone");
            return;
        }
        if (row.DueAt > time.GetUtcNow().UtcDateTime)
        {
            // Fired early (clock skew between nodes): hand it back to Hangfire for the right time.
            await ResetAsync(row.Id, cancellationToken);
            return;
        }
        CaseOutcome outcome;
        try
        {
            outcome = await runtime.ApplyAsync(row.CaseId, new TimerFiredStimulus(row.LocalId), "timer-fired", Timer, cancellationToken);
        }
        catch (CasesException ex) when (ex.Kind == RefusalKind.Rejected)
        {
            logger.LogWarning("Timer {TimerId} of case {CaseId} refused: {Reason}", timerId, row.CaseId, ex.Message);
            return;
        }
        catch (CasesException ex) when (ex.IsStoredDataAltered)
        {
            // A retry meets the same refusal, so say it once. The row stays pending until an administrator has looked
            // and the reconcile hands it to Hangfire again.
            logger.LogError("Timer {TimerId} of case {CaseId} cannot fire: {Reason}", timerId, row.CaseId, ex.Message);
            return;
        }
        // A fault is committed (the case shows why); the operator hears of it here, not only in the case's history.
        foreach (var fault in outcome.Faults)
            logger.LogError("Timer {TimerId} of case {CaseId}: {Fault}", timerId, row.CaseId, fault.ToString());
    }

    private async Task ResetAsync(long timerId, CancellationToken cancellationToken)
    {
        await using (var db = factory.CreateDbContext())
            await db.Timers.Where(t => t.Id == timerId).ExecuteUpdateAsync(s => s.SetProperty(t => t.HangfireJobId, (string?)null), cancellationToken);
        await scheduler.DispatchAsync([timerId], cancellationToken);
    }
}
