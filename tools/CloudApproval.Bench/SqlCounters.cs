using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CloudApproval.Bench;

/// <summary>
/// Counts what EF Core sends to the database: every command (reads and writes), every committed transaction, and
/// every write that ran outside an explicit transaction (SQLite commits it on its own, so it is a write transaction
/// too). Registered only by the benchmark.
/// </summary>
internal sealed class SqlCounters : IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConcurrentDictionary<object, long> _started = new(ReferenceEqualityComparer.Instance);
    private long _commitTicks;
    private long _saveTicks;
    private long _reads;
    private long _writes;
    private long _commits;
    private long _autocommits;
    private long _rollbacks;

    public long Reads => Interlocked.Read(ref _reads);
    public long Writes => Interlocked.Read(ref _writes);
    public long Commands => Reads + Writes;
    /// <summary>Explicit commits plus writes that committed on their own.</summary>
    public long WriteTransactions => Interlocked.Read(ref _commits) + Interlocked.Read(ref _autocommits);
    public long Rollbacks => Interlocked.Read(ref _rollbacks);
    /// <summary>Time spent in COMMIT (the durable write), summed over all workers.</summary>
    public TimeSpan CommitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks));
    /// <summary>Time spent in SaveChanges (change detection, SQL generation, writes, commit), summed over all workers.</summary>
    public TimeSpan SaveChangesTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _saveTicks));

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _commits, 0);
        Interlocked.Exchange(ref _autocommits, 0);
        Interlocked.Exchange(ref _rollbacks, 0);
        Interlocked.Exchange(ref _commitTicks, 0);
        Interlocked.Exchange(ref _saveTicks, 0);
    }

    private void Begin(object key) => _started[key] = Stopwatch.GetTimestamp();

    private void End(object key, ref long total)
    {
        if (_started.TryRemove(key, out var started)) Interlocked.Add(ref total, Stopwatch.GetTimestamp() - started);
    }

    private void Count(DbCommand command)
    {
        var text = command.CommandText.AsSpan().TrimStart();
        var write = text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
        if (!write)
        {
            Interlocked.Increment(ref _reads);
            return;
        }
        Interlocked.Increment(ref _writes);
        if (command.Transaction is null) Interlocked.Increment(ref _autocommits);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Count(command);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Count(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Count(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Begin(transaction);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Begin(transaction);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        End(transaction, ref _commitTicks);
        Interlocked.Increment(ref _commits);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Begin(eventData.Context!);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Begin(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        End(eventData.Context!, ref _saveTicks);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        End(eventData.Context!, ref _saveTicks);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => _started.TryRemove(eventData.Context!, out _);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _started.TryRemove(eventData.Context!, out _);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _rollbacks);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _rollbacks);
        return Task.CompletedTask;
    }
}
