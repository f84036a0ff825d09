using CloudApproval.Cases.Persistence;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Timers;

/// <summary>
/// Keeps Hangfire in step with the timer rows. Scheduling stores the job id on the row, cancelling deletes that job
/// by id (never a scan of job storage), and <see cref="ReconcileAsync"/> repairs whatever a crash left half done.
/// </summary>
public sealed class TimerScheduler(CasesDbFactory factory, IBackgroundJobClient jobs, JobStorage storage, ILogger<TimerScheduler> logger)
{
    /// <summary>Schedules pending rows without a job and deletes the jobs of cancelled rows.</summary>
    public async Task DispatchAsync(IEnumerable<long> timerIds, CancellationToken cancellationToken = default)
    {
        var ids = timerIds.ToList();
        await using var db = factory.CreateDbContext();
        var rows = await db.Timers.Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        foreach (var row in rows) Sync(row);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// At start (and every few minutes as a safety net): every pending row gets a live job, every cancelled row loses its
    /// job. A row whose job was lost (storage wiped, crash before the id was stored) is scheduled again; firing twice is
    /// harmless because the handler checks the row.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var rows = await db.Timers
            .Where(t => t.Status == CaseTimerStatus.Pending || (t.Status != CaseTimerStatus.Pending && t.HangfireJobId != null))
            .ToListAsync(cancellationToken);
        var repaired = 0;
        using var connection = storage.GetConnection();
        foreach (var row in rows)
        {
            var state = HangfireJobs.OwnState<TimerJob>(connection, row.HangfireJobId, row.Id);
            if (row.Status == CaseTimerStatus.Pending)
            {
                if (state is not null && LiveStates.Contains(state)) continue;
                row.HangfireJobId = null;
                Sync(row);
            }
            else
            {
                // Only this timer's own job, and only if it has not run: after a wipe of Hangfire's storage an old id can
                // name another timer's live job, and a fired timer's job is the one that fired it (succeeded, or running).
                if (state is not null && WaitingStates.Contains(state)) jobs.Delete(row.HangfireJobId!);
                row.HangfireJobId = null;
            }
            repaired++;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (repaired > 0) logger.LogInformation("Reconciled {Count} timer(s) with Hangfire", repaired);
        return repaired;
    }

    private void Sync(CaseTimer row)
    {
        if (row.Status == CaseTimerStatus.Pending && row.HangfireJobId is null)
        {
            row.HangfireJobId = jobs.Schedule<TimerJob>(job => job.FireAsync(row.Id, CancellationToken.None), HangfireJobs.ScheduleAt(row.DueAt));
        }
        else if (row.Status != CaseTimerStatus.Pending && row.HangfireJobId is { } jobId)
        {
            jobs.Delete(jobId);
            row.HangfireJobId = null;
        }
    }

    private static readonly string[] WaitingStates = [ScheduledState.StateName, EnqueuedState.StateName, AwaitingState.StateName];

    private static readonly string[] LiveStates = [.. WaitingStates, ProcessingState.StateName];
}
