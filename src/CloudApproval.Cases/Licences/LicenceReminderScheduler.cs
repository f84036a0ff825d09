using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Timers;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// Keeps Hangfire in step with the licence timer rows (one job per row; case timers, far more numerous, are fired by the
/// <see cref="Timers.TimerPump"/> instead): scheduled after the commit that creates them, the job id stored on the row, and a reconcile at start (and every few
/// minutes) reschedules every pending row whose job was lost.
/// A licence's timers lie years ahead, and every job written to Hangfire's storage costs writes: only timers due within
/// <see cref="Horizon"/> get a job; the recurring reconcile hands the others to Hangfire as they come within it.
/// </summary>
public sealed class LicenceReminderScheduler(CasesDbFactory factory, IBackgroundJobClient jobs, JobStorage storage, TimeProvider time, ILogger<LicenceReminderScheduler> logger)
{
    /// <summary>How far ahead timers get their Hangfire job (the reconcile runs every 5 minutes, well within it).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(6);

    public async Task DispatchAsync(IEnumerable<long> reminderIds, CancellationToken cancellationToken = default)
    {
        var ids = reminderIds.ToList();
        if (ids.Count == 0) return;
        await using var db = factory.CreateDbContext();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.LicenceReminders.Where(r => chunk.Contains(r.Id)).ToListAsync(cancellationToken);
            foreach (var row in rows) Sync(row);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>After a commit: a failure to reach Hangfire is logged, never reported as the operation failing (the reconcile repairs it).</summary>
    internal async Task DispatchCommittedAsync(IEnumerable<LicenceReminder> rows, CancellationToken cancellationToken)
    {
        try
        {
            await DispatchAsync(rows.Select(r => r.Id), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Licence timers committed but not yet handed to Hangfire; the reconcile will schedule them");
        }
    }

    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var soon = time.GetUtcNow().UtcDateTime + Horizon;
        var rows = await db.LicenceReminders
            .Where(r => (r.Status == LicenceReminderStatus.Pending && r.DueAt <= soon) || r.HangfireJobId != null)
            .ToListAsync(cancellationToken);
        var repaired = 0;
        using var connection = storage.GetConnection();
        foreach (var row in rows)
        {
            var state = HangfireJobs.OwnState<LicenceReminderJob>(connection, row.HangfireJobId, row.Id);
            if (row.Status == LicenceReminderStatus.Pending)
            {
                if (state is not null && LiveStates.Contains(state)) continue;
                if (row.HangfireJobId is null && row.DueAt > soon) continue;
                row.HangfireJobId = null;
                Sync(row);
            }
            else
            {
                if (state is not null && WaitingStates.Contains(state)) jobs.Delete(row.HangfireJobId!);
                row.HangfireJobId = null;
            }
            repaired++;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (repaired > 0) logger.LogInformation("Reconciled {Count} licence timer(s) with Hangfire", repaired);
        return repaired;
    }

    private static readonly string[] WaitingStates = [ScheduledState.StateName, EnqueuedState.StateName, AwaitingState.StateName];

    private static readonly string[] LiveStates = [.. WaitingStates, ProcessingState.StateName];

    private void Sync(LicenceReminder row)
    {
        if (row.Status == LicenceReminderStatus.Pending && row.HangfireJobId is null)
        {
            if (row.DueAt > time.GetUtcNow().UtcDateTime + Horizon) return;
            row.HangfireJobId = jobs.Schedule<LicenceReminderJob>(job => job.FireAsync(row.Id, CancellationToken.None), HangfireJobs.ScheduleAt(row.DueAt));
        }
        else if (row.Status != LicenceReminderStatus.Pending && row.HangfireJobId is { } jobId)
        {
            jobs.Delete(jobId);
            row.HangfireJobId = null;
        }
    }
}
