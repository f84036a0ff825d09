using Hangfire.Storage;

namespace CloudApproval.Cases.Timers;

/// <summary>What every row-backed Hangfire job (a case timer, a licence reminder) needs: when to schedule it, and whether a stored job id is still its own.</summary>
internal static class HangfireJobs
{
    /// <summary>
    /// Hangfire keeps schedule times in whole seconds, truncated: a job due at 10:00:03.9 is enqueued from 10:00:03.0,
    /// finds its row not yet due and has to be put back. Rounding up makes it run at or just after the due time.
    /// </summary>
    public static DateTimeOffset ScheduleAt(DateTime dueAt)
    {
        var late = dueAt.Ticks % TimeSpan.TicksPerSecond;
        return new DateTimeOffset(late == 0 ? dueAt : dueAt.AddTicks(TimeSpan.TicksPerSecond - late), TimeSpan.Zero);
    }

    /// <summary>
    /// The state of the job <paramref name="jobId"/> if it really is <typeparamref name="TJob"/>'s job for row
    /// <paramref name="rowId"/>, else null: after Hangfire's storage is wiped, ids start again at 1, so an old id can name
    /// another row's new job; and an id this storage never issued must not stop the reconcile (Hangfire.Storage.SQLite
    /// parses ids as integers and throws on anything else).
    /// </summary>
    public static string? OwnState<TJob>(IStorageConnection connection, string? jobId, long rowId)
    {
        if (jobId is null) return null;
        JobData? data;
        try
        {
            data = connection.GetJobData(jobId);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
        return data is { Job: { } job } && job.Type == typeof(TJob) && job.Args.Count > 0 && job.Args[0] is long id && id == rowId
            ? data.State
            : null;
    }
}
