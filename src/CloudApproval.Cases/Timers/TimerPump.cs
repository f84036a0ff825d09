using System.Collections.Concurrent;
using CloudApproval.Cases.Persistence;
using Hangfire.Server;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Timers;

/// <summary>
/// Fires due case timers from the timer table, by its index on (status, due time), in batches: a process of the Hangfire
/// server, which starts, stops and restarts it with the host. One Hangfire job per timer could not keep up at scale on
/// SQLite storage (every job is several writes to Hangfire's file and its scheduler scans; see the bench's README);
/// here a timer costs Hangfire nothing, a pending timer is only its row, and there is nothing to reconcile at start.
/// Each firing is its own <see cref="Instances.CaseRuntime"/> transaction (<see cref="TimerJob"/>), guarded by the row's
/// status and the engine's timer record, so a row fired twice (a node killed mid-batch, two nodes) changes its case once.
/// </summary>
public sealed class TimerPump(CasesDbFactory factory, TimerJob job, TimeProvider time, ILogger<TimerPump> logger) : IBackgroundProcess
{
    /// <summary>How often the table is asked for due rows when the last batch emptied it: a timer fires within about this.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a row that failed or was refused is left alone before it is tried again.</summary>
    public static readonly TimeSpan Backoff = TimeSpan.FromMinutes(1);

    private const int BatchSize = 200;

    /// <summary>Firings in flight at once: each is a short transaction of its own, and their CPU work overlaps.</summary>
    private const int Parallelism = 4;

    /// <summary>One node fires at a time (two would race for the same rows); a killed node's lock expires with the storage's lock timeout.</summary>
    private const string LockName = "cloudapproval:timer-pump";

    private readonly ConcurrentDictionary<long, DateTime> _backingOff = new();

    public void Execute(BackgroundProcessContext context)
    {
        var fired = 0;
        try
        {
            using var connection = context.Storage.GetConnection();
            using (connection.AcquireDistributedLock(LockName, PollInterval))
                fired = FireDueAsync(context.StoppingToken).GetAwaiter().GetResult();
        }
        catch (DistributedLockTimeoutException)
        {
            // Another node is firing.
        }
        // A full batch means more may be due already.
        if (fired < BatchSize) context.Wait(PollInterval);
    }

    /// <summary>Fires up to one batch of due rows, earliest first. Answers how many rows it took.</summary>
    internal async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (id, until) in _backingOff)
            if (until <= now) _backingOff.TryRemove(id, out _);
        var skip = _backingOff.Keys.ToList();
        List<long> due;
        await using (var db = factory.CreateDbContext())
            due = await db.Timers.AsNoTracking()
                .Where(t => t.Status == CaseTimerStatus.Pending && t.DueAt <= now && !skip.Contains(t.Id))
                .OrderBy(t => t.DueAt)
                .Select(t => t.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            bool done;
            try
            {
                done = await job.FireAsync(id, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Timer {TimerId} failed to fire; it is tried again in {Backoff}", id, Backoff);
                done = false;
            }
            if (!done) _backingOff[id] = time.GetUtcNow().UtcDateTime + Backoff;
        });
        return due.Count;
    }
}
