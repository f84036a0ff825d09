using System.Data.Common;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cases.Tests.Persistence;

/// <summary>
/// SQLite group commit, made deterministic: the test holds the write gate while the transitions run up to their commit,
/// waits until all of them are queued, and lets go; the first leader then writes them all in one batch. COMMITs are
/// counted by an EF Core transaction interceptor, as the bench counts them.
/// </summary>
[TestFixture]
internal sealed class GroupCommitTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly CommitCounter _commits = new();

    [SetUp]
    public async Task SetUp()
    {
        TestDatabases.RequireSqlite("group commit is SQLite's");
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, services: s => s.AddSingleton<IInterceptor>(_commits));
        var workflows = Procedures.CopySeeds(_folder, "deficiency-pending");
        Procedures.Write(workflows, Procedures.ParallelCheck());
        await _host.ImportAsync(workflows, publish: true);
    }

    [TearDown]
    public async Task TearDown()
    {
        // Nothing was started when SetUp stopped the test on PostgreSQL.
        if (_host is not null) await _host.DisposeAsync();
        _folder?.Dispose();
    }

    private CasesDbFactory Factory => _host.Get<CasesDbFactory>();

    private Task<string> StartParallelCheckAsync() =>
        _host.Runtime.StartAsync("parallel-check", null, null, Actor.Operator("applicant-chen")).ContinueWith(t => t.Result.CaseId, TaskScheduler.Default);

    /// <summary>
    /// Runs the operations with the write gate held until every one of them waits in the group-commit queue, then lets
    /// them commit; returns each one's error (null when it succeeded), in order.
    /// </summary>
    private async Task<Exception?[]> InOneBatchAsync(params Func<Task>[] operations)
    {
        var group = Factory.GroupCommit!;
        await Factory.WriteGate!.WaitAsync();
        Task<Exception?>[] running;
        try
        {
            running = [.. operations.Select(op => Task.Run(async () =>
            {
                try
                {
                    await op();
                    return null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            }))];
            await Poll.UntilAsync(() => Task.FromResult(group.Queued == operations.Length), "every operation queued for the commit", TimeSpan.FromSeconds(30));
            _commits.Reset();
        }
        finally
        {
            Factory.WriteGate!.Release();
        }
        return await Task.WhenAll(running);
    }

    [Test]
    public async Task Concurrent_transitions_commit_in_one_COMMIT_and_each_gets_its_own_audit_entry()
    {
        const int n = 20;
        var ids = new string[n];
        var before = Factory.GroupCommit!.Counts;

        var errors = await InOneBatchAsync([.. Enumerable.Range(0, n).Select(i => (Func<Task>)(async () => ids[i] = await StartParallelCheckAsync()))]);

        Assert.That(errors, Is.All.Null);
        var after = Factory.GroupCommit.Counts;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_commits.Count, Is.EqualTo(1), "twenty transitions, one COMMIT");
            Assert.That((after.Batches - before.Batches, after.Members - before.Members), Is.EqualTo((1L, (long)n)));
            Assert.That(ids.Distinct().Count(), Is.EqualTo(n));
            foreach (var id in ids)
            {
                Assert.That((await _host.AuditAsync(id)).Select(e => e.Action), Is.EqualTo(new[] { "case-started" }), id);
                Assert.That((await _host.VerifyAsync(id)).Intact, Is.True, id);
            }
            Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
        }
    }

    [Test]
    public async Task A_member_that_loses_its_race_in_a_batch_rolls_back_alone_and_its_retry_succeeds_while_the_others_commit()
    {
        var a = await StartParallelCheckAsync();
        var b = await StartParallelCheckAsync();
        var checkA = await _host.OpenTaskAsync(a, "check");
        var checkB = await _host.OpenTaskAsync(b, "check");
        var before = Factory.GroupCommit!.Counts;

        // Both of case a's operations are valid in either order; the second one written in the batch finds the case's
        // row version moved by the first.
        var errors = await InOneBatchAsync(
            () => _host.Tasks.CompleteAsync(checkA.Id, "ok", null, Actor.Operator("clerk-li")),
            () => _host.Runtime.SendEventAsync(a, "docs-arrived", null, Actor.Operator("applicant-chen")),
            () => _host.Tasks.CompleteAsync(checkB.Id, "ok", null, Actor.Operator("clerk-zhang")));

        Assert.That(errors, Is.All.Null, "the loser's caller never saw its lost race");
        var after = Factory.GroupCommit.Counts;
        var auditA = await _host.AuditAsync(a);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_commits.Count, Is.EqualTo(2), "the batch, then the loser's retry alone");
            Assert.That((after.Batches - before.Batches, after.Members - before.Members), Is.EqualTo((2L, 3L)), "two of three written in the batch, the third after");
            Assert.That((await _host.CaseAsync(a)).Status, Is.EqualTo(CaseStatus.Completed), "the join saw both of a's branches");
            Assert.That(auditA.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(auditA.Skip(1).Select(e => e.Action), Is.EquivalentTo(new[] { "task-completed", "event-received" }));
            Assert.That((await _host.TaskAsync(checkB.Id)).Status, Is.EqualTo(WorkTaskStatus.Completed));
            Assert.That((await _host.VerifyAsync(a)).Intact, Is.True);
            Assert.That((await _host.VerifyAsync(b)).Intact, Is.True);
            Assert.That(await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor")), Is.Empty);
        }
    }

    [Test]
    public async Task Two_members_completing_the_same_task_in_one_batch_never_both_apply()
    {
        var a = await StartParallelCheckAsync();
        var check = await _host.OpenTaskAsync(a, "check");
        string? other = null;

        var errors = await InOneBatchAsync(
            () => _host.Tasks.CompleteAsync(check.Id, "ok", null, Actor.Operator("clerk-li")),
            () => _host.Tasks.CompleteAsync(check.Id, "ok", null, Actor.Operator("clerk-zhang")),
            async () => other = await StartParallelCheckAsync());

        var audit = await _host.AuditAsync(a);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors.Take(2).Count(e => e is null), Is.EqualTo(1), "exactly one completion succeeds");
            Assert.That(errors.Take(2).OfType<CasesException>().Select(e => e.Code), Is.EqualTo(new[] { "task-closed" }).Or.EqualTo(new[] { "rejected-task-not-open" }),
                "the other is told why, not handed a database error");
            Assert.That(errors[2], Is.Null);
            Assert.That(audit.Count(e => e.Action == "task-completed"), Is.EqualTo(1), "the case advanced once");
            Assert.That((await _host.CaseAsync(a)).RowVersion, Is.EqualTo(2));
            Assert.That((await _host.AuditAsync(other!)).Count, Is.EqualTo(1));
            Assert.That((await _host.VerifyAsync(a)).Intact, Is.True);
        }
    }

    [Test]
    public async Task A_member_whose_write_fails_gets_its_own_error_and_changes_nothing_while_the_others_commit()
    {
        var ids = new string?[2];
        var errors = await InOneBatchAsync(
            async () => ids[0] = await StartParallelCheckAsync(),
            // Prefix is NOT NULL: SQLite refuses the insert, which is no lost race, so no retry either.
            () => _host.Runtime.InTransactionAsync(Actor.Operator("clerk-li"), (db, _, _) =>
            {
                db.LicenceSequences.Add(new LicenceSequence { Prefix = null!, Year = 2026 });
                return Task.FromResult(0);
            }, CancellationToken.None),
            async () => ids[1] = await StartParallelCheckAsync());

        await using var db = _host.Db();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors[1], Is.InstanceOf<DbUpdateException>());
            Assert.That(((SqliteException)errors[1]!.InnerException!).SqliteExtendedErrorCode, Is.EqualTo(1299), "SQLITE_CONSTRAINT_NOTNULL: its own error");
            Assert.That(errors[0], Is.Null);
            Assert.That(errors[2], Is.Null);
            Assert.That(_commits.Count, Is.EqualTo(1), "the others committed in the batch");
            Assert.That(await db.LicenceSequences.CountAsync(), Is.Zero, "the failed member wrote nothing");
            Assert.That(await db.Cases.CountAsync(c => ids.Contains(c.Id)), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task With_group_commit_off_every_transition_commits_alone()
    {
        using var folder = new TempFolder();
        var commits = new CommitCounter();
        await using var host = await CasesHost.StartAsync(folder, configure: s => s with { Database = s.Database with { GroupCommit = false } },
            services: s => s.AddSingleton<IInterceptor>(commits));
        Assert.That(host.Get<CasesDbFactory>().GroupCommit, Is.Null);
        var workflows = Procedures.CopySeeds(folder, "deficiency-pending");
        Procedures.Write(workflows, Procedures.ParallelCheck());
        await host.ImportAsync(workflows, publish: true);
        commits.Reset();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.Runtime.StartAsync("parallel-check", null, null, Actor.Operator("applicant-chen")))));

        Assert.That(commits.Count, Is.EqualTo(8));
    }

    /// <summary>Counts committed transactions (EF's own and the group commit's, which goes through EF too).</summary>
    private sealed class CommitCounter : DbTransactionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _count);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
