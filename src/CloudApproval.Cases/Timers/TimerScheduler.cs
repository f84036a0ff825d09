using CloudApproval.Cases.Persistence;
using Hangfire;
using Hangfire.States;
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
            if (row.Status == CaseTimerStatus.Pending && row.HangfireJobId is { } jobId && IsAlive(connection, jobId)) continue;
            if (row.Status == CaseTimerStatus.Pending) row.HangfireJobId = null;
            Sync(row);
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
            row.HangfireJobId = jobs.Schedule<TimerJob>(job => job.FireAsync(row.Id, CancellationToken.None), new DateTimeOffset(row.DueAt, TimeSpan.Zero));
        }
        else if (row.Status != CaseTimerStatus.Pending && row.HangfireJobId is { } jobId)
        {
            jobs.Delete(jobId);
            row.HangfireJobId = null;
        }
    }

    private static readonly string[] LiveStates = [ScheduledState.StateName, EnqueuedState.StateName, ProcessingState.StateName, AwaitingState.StateName];

    private static bool IsAlive(Hangfire.Storage.IStorageConnection connection, string jobId)
    {
        var state = connection.GetStateData(jobId)?.Name;
        return state is not null && LiveStates.Contains(state);
    }
}
