using System.Data;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudApproval.Cases.Persistence;

/// <summary>
/// SQLite group commit. A durable COMMIT (WAL, <c>synchronous=FULL</c>) costs an fsync, and SQLite admits one writer at
/// a time, so transitions that reach their commit while another batch is committing are written together: in ONE
/// transaction, each member's changes under its own SAVEPOINT, then one COMMIT (one fsync) for all of them.
/// <list type="bullet">
/// <item>Leader/follower: a member queues; the first one to find nobody leading leads. The leader takes the write gate
/// (which also excludes <c>RowLocks</c> holders), drains up to <see cref="MaxBatch"/> queued members (itself first),
/// writes and commits them, answers each, and hands the lead to the next queued member, if any. While a batch commits,
/// the next one gathers.</item>
/// <item>A member's SaveChanges runs on the leader's connection and transaction (its context's own connection, used for
/// its reads, is closed first and given back after). A member whose write fails rolls back to its savepoint alone and
/// its caller gets its own exception (a lost race: the caller's usual retry); the others go on.</item>
/// <item>Members are written in queue order, exactly as if they had committed one after the other: a later member sees
/// the earlier ones' writes, so the optimistic tokens and the <c>(CaseId, Sequence)</c> index catch two members on one
/// case as they would catch two sequential commits (the audit seal was made on the member's own reads, like a
/// sequential commit's).</item>
/// <item>Nobody is answered before the COMMIT returned. A failed COMMIT (or a broken batch) fails every member that had
/// written with <see cref="NotCommittedException"/>: nothing of the batch is in the database, and the caller retries.</item>
/// <item>SaveChanges runs with <c>acceptAllChangesOnSuccess: false</c>; the caller accepts its changes once committed.</item>
/// </list>
/// Once queued, a member is not cancelled: its write may already be in the batch, so its caller waits for the answer.
/// </summary>
internal sealed class GroupCommit(SemaphoreSlim gate)
{
    /// <summary>Most members in one transaction: bounds the leader's work for others and a batch's WAL growth.</summary>
    internal const int MaxBatch = 64;

    private readonly Lock _lock = new();
    private readonly Queue<Member> _waiting = new();
    private bool _leading;
    private long _batches;
    private long _members;

    /// <summary>Members queued and not yet taken into a batch (tests hold the gate and wait for a full queue).</summary>
    internal int Queued
    {
        get
        {
            lock (_lock) return _waiting.Count;
        }
    }

    /// <summary>Batches committed (one COMMIT each) and members written in them, since start: how much batching happens.</summary>
    internal (long Batches, long Members) Counts => (Interlocked.Read(ref _batches), Interlocked.Read(ref _members));

    /// <summary>
    /// Writes <paramref name="db"/>'s changes in the next batch and returns once that batch committed; throws this
    /// member's own failure otherwise. The changes are accepted (the change tracker says Unchanged) on return.
    /// </summary>
    public async Task CommitAsync(DbContext db, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var me = new Member(db);
        bool lead;
        lock (_lock)
        {
            _waiting.Enqueue(me);
            lead = !_leading;
            _leading = true;
        }
        if (!lead && await me.Turn.Task == Answer.Lead) lead = true;
        if (lead) await LeadAsync();
        me.Failure?.Throw();
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>Commits one batch (the leader is the queue's head, so it is in it), answers its members, passes the lead on.</summary>
    private async Task LeadAsync()
    {
        var batch = new List<Member>();
        try
        {
            await gate.WaitAsync();
            try
            {
                lock (_lock)
                {
                    while (batch.Count < MaxBatch && _waiting.TryDequeue(out var member)) batch.Add(member);
                }
                await WriteAsync(batch);
            }
            finally
            {
                gate.Release();
            }
        }
        finally
        {
            // Whatever happened, the others are answered and the lead passes on: nobody waits for a leader that left.
            Member? next;
            lock (_lock)
            {
                _leading = _waiting.TryPeek(out next);
            }
            // The leader is batch[0]: it reads its answer on return. Followers are woken after the lead has passed on.
            foreach (var member in batch.Skip(1)) member.Turn.TrySetResult(Answer.Done);
            next?.Turn.TrySetResult(Answer.Lead);
        }
    }

    private async Task WriteAsync(List<Member> batch)
    {
        var host = batch[0].Db.Database;
        var connection = host.GetDbConnection();
        var written = new List<Member>(batch.Count);
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await host.BeginTransactionAsync(CancellationToken.None);
            var underlying = transaction.GetDbTransaction();
            foreach (var member in batch)
            {
                if (member != batch[0]) member.Join(connection, underlying);
                // Our savepoints, not EF's: one per member, and EF's own would only add a second pair of statements.
                member.Db.Database.AutoSavepointsEnabled = false;
                await transaction.CreateSavepointAsync(Member.Savepoint, CancellationToken.None);
                try
                {
                    await member.Db.SaveChangesAsync(acceptAllChangesOnSuccess: false, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    member.Failure = ExceptionDispatchInfo.Capture(ex);
                    // Undoes this member's statements only. If SQLite already rolled the whole transaction back (a full
                    // disk, an I/O error), there is no savepoint left: this throws and the batch fails as a whole.
                    await transaction.RollbackToSavepointAsync(Member.Savepoint, CancellationToken.None);
                }
                await transaction.ReleaseSavepointAsync(Member.Savepoint, CancellationToken.None);
                if (member.Failure is null) written.Add(member);
            }
            await transaction.CommitAsync(CancellationToken.None);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _members, written.Count);
        }
        catch (Exception ex)
        {
            // Nothing of the batch is committed: every member that had written, or had not been reached, fails retryably;
            // one that had failed on its own keeps its own answer.
            var failure = ExceptionDispatchInfo.Capture(new NotCommittedException(ex));
            foreach (var member in batch) member.Failure ??= failure;
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
            foreach (var member in batch.Skip(1)) member.Leave();
            foreach (var member in batch) member.Db.Database.AutoSavepointsEnabled = true;
        }
    }

    private enum Answer
    {
        Done,
        Lead,
    }

    /// <summary>One transition waiting to be written: its context, and the connection its reads used (given back after).</summary>
    private sealed class Member(DbContext db)
    {
        public const string Savepoint = "member";
        private System.Data.Common.DbConnection? _own;

        public DbContext Db { get; } = db;
        public TaskCompletionSource<Answer> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ExceptionDispatchInfo? Failure { get; set; }

        /// <summary>Moves this context onto the batch's connection and transaction (a connection can only change while closed).</summary>
        public void Join(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
        {
            _own = Db.Database.GetDbConnection();
            // EF counts opens and closes only when the count reaches zero; a pooled context can carry an open of an earlier
            // lease (the runtime opens without closing, the pool resets the connection, not the count), so close until EF
            // lets go, and close the connection itself when EF no longer thinks it opened it.
            for (var i = 0; i < 16 && _own.State != ConnectionState.Closed; i++) Db.Database.CloseConnection();
            if (_own.State != ConnectionState.Closed) _own.Close();
            Db.Database.SetDbConnection(connection, contextOwnsConnection: false);
            Db.Database.UseTransaction(transaction);
        }

        /// <summary>Gives the context its own connection back, owned again, so the pool reuses the context as it was.</summary>
        public void Leave()
        {
            if (_own is null) return;
            Db.Database.UseTransaction(null);
            Db.Database.CloseConnection();
            Db.Database.SetDbConnection(_own, contextOwnsConnection: true);
            _own = null;
        }
    }

    /// <summary>The batch this member was written in did not commit: nothing of it is in the database, so a retry is safe.</summary>
    internal sealed class NotCommittedException(Exception cause)
        : DbUpdateException("the group commit this transition was written in failed; nothing of it was committed", cause);
}
