using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Audit;

/// <summary>
/// Someone with write access to the database edits a case's rows, not its audit trail: each audit entry commits to the
/// digest of every row of its case, so <c>audit verify</c> (<see cref="AuditVerifier"/>) names the row.
/// </summary>
public sealed class RowTamperTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;
    private readonly ManualClock _clock = new(ManualClock.MondayMorning);
    /// <summary>Waiting for the missing materials: a completed pre-review, a pending deadline timer, a supplement-list notice.</summary>
    private string _waiting = null!;
    /// <summary>Approved: a licence and an approval notice.</summary>
    private string _approved = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, _clock);
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"));
        _waiting = await _host.StartDeficiencyAsync();
        await _host.Tasks.ClaimAsync((await _host.OpenTaskAsync(_waiting, "pre-review")).Id, Actor.Operator("clerk-li"));
        await _host.AcceptWithDeficiencyAsync(_waiting);
        _approved = await _host.StartDeficiencyAsync();
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(_approved, "pre-review")).Id, "accept", null, Actor.Operator("clerk-li"));
        await _host.Tasks.CompleteAsync((await _host.OpenTaskAsync(_approved, "review")).Id, "approve", new JsonObject { ["opinion"] = "ok" }, Actor.Operator("reviewer-wang"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private int Sql(string sql, params (string Name, object Value)[] parameters) => RawSql.Execute(_host.Database, sql, parameters);

    private async Task<AuditVerification> BrokenAsync(string caseId)
    {
        var result = await _host.VerifyAsync(caseId);
        Assert.That(result.Intact, Is.False, "the tampering went unnoticed");
        Assert.That(result.BrokenAt, Is.EqualTo((await _host.CaseAsync(caseId)).AuditCount), "reported at the head, whose digest the rows no longer match");
        return result;
    }

    [Test]
    public async Task Verify_ReportsEveryCaseIntact_AfterClaimsCompletionsEventsNoticesAndLicences()
    {
        var results = await _host.Get<AuditVerifier>().VerifyAllAsync(Actor.Operator("auditor"));

        Assert.That(results.Where(r => !r.Intact).Select(r => r.Reason), Is.Empty);
        Assert.That(results.Select(r => r.Note), Has.All.Null);
        Assert.That((await _host.AuditAsync(_waiting)).Select(e => e.StateDigest), Has.All.Length.EqualTo(64));
    }

    [Test]
    public async Task Verify_NamesTheCaseRow_WhenAVariableInTheStateIsEdited()
    {
        var state = (await _host.CaseAsync(_waiting)).StateJson;
        var forged = state.Replace("credit certificate", "nothing missing", StringComparison.Ordinal);
        Assert.That(forged, Is.Not.EqualTo(state));
        Sql("UPDATE Cases SET StateJson = $s WHERE Id = $id", ("$s", forged), ("$id", _waiting));

        var result = await BrokenAsync(_waiting);

        Assert.That(result.Reason, Does.Contain("the case row (state, status, outcome) was changed"));
    }

    [Test]
    public async Task VerifyAndCheck_CatchTheCaseStatusColumn_WhenEdited()
    {
        Sql("UPDATE Cases SET Status = 'Completed', Outcome = 'approved' WHERE Id = $id", ("$id", _waiting));

        var result = await BrokenAsync(_waiting);
        var problems = await _host.Get<ConsistencyCheck>().RunAsync(Actor.Operator("auditor"));

        Assert.That(result.Reason, Does.Contain("the case row (state, status, outcome) was changed"));
        Assert.That(problems, Has.Some.EqualTo($"{_waiting}: the case row says Completed but its state says Running"));
    }

    [TestCase("Outcome", "reject")]
    [TestCase("CompletedBy", "clerk-xu")]
    public async Task Verify_NamesTheTask_WhenItsOutcomeOrCompleterIsEdited(string column, string value)
    {
        var task = (await _host.TasksOfAsync(_waiting)).Single(t => t.ActivityId == "pre-review");
        Assert.That(Sql($"UPDATE Tasks SET {column} = $v WHERE Id = $id", ("$v", value), ("$id", task.Id)), Is.EqualTo(1));

        var result = await BrokenAsync(_waiting);

        Assert.That(result.Reason, Does.EndWith($"task {task.LocalId} (#{task.Id}, pre-review) was changed"));
    }

    [Test]
    public async Task Verify_NamesTheTimer_WhenItsDueDateIsMoved()
    {
        var timer = await _host.SupplementDeadlineAsync(_waiting);
        Sql("UPDATE Timers SET DueAt = $due WHERE Id = $id", ("$due", timer.DueAt.AddDays(30)), ("$id", timer.Id));

        var result = await BrokenAsync(_waiting);

        Assert.That(result.Reason, Does.EndWith($"timer {timer.LocalId} (#{timer.Id}, wait-supplement) was changed"));
    }

    [Test]
    public async Task Firing_IsRefusedAndChangesNothing_WhenTheTimerRowWasEdited()
    {
        // Without this, the firing would commit the forged due date into a fresh entry and the chain would bless it.
        var timer = await _host.SupplementDeadlineAsync(_waiting);
        Sql("UPDATE Timers SET DueAt = $due WHERE Id = $id", ("$due", timer.DueAt.AddDays(-3)), ("$id", timer.Id));
        _clock.Set(new DateTimeOffset(timer.DueAt.AddMinutes(1), TimeSpan.Zero));
        var before = RawSql.Dump(_host.Database);

        var error = await Expect.RefusedAsync(() => _host.Runtime.ApplyAsync(_waiting, new TimerFiredStimulus(timer.LocalId), "timer-fired", Actor.Operator("system:timer")));

        Assert.That(error.Code, Is.EqualTo("altered-row"));
        Assert.That(error.Message, Does.Contain(_waiting).And.Contain($"timer:{timer.LocalId}"));
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }

    [Test]
    public async Task The_whole_system_report_names_the_broken_case_its_first_broken_link_and_nothing_else()
    {
        var auditor = new Actor("auditor-sun", null, [ActorRoles.Auditor]);
        Assert.That((await _host.Get<SystemVerification>().RunAsync(auditor)).Intact, Is.True);
        var state = (await _host.CaseAsync(_waiting)).StateJson;
        Sql("UPDATE Cases SET StateJson = $s WHERE Id = $id", ("$s", state.Replace("credit certificate", "nothing missing", StringComparison.Ordinal)), ("$id", _waiting));

        var report = await _host.Get<SystemVerification>().RunAsync(auditor);

        Assert.That(report.Intact, Is.False);
        Assert.That(report.Broken.Select(b => (b.CaseId, b.BrokenAt)), Is.EqualTo(new[] { (_waiting, (long?)(await _host.CaseAsync(_waiting)).AuditCount) }));
        Assert.That(report.Cases, Is.EqualTo(2));
        Assert.That(report.Definitions, Is.Empty);
    }

    [Test]
    public async Task A_row_another_transaction_committed_between_two_reads_is_read_again_not_called_altered()
    {
        // What a server database's read committed does to two racing issue jobs: the notice is read before the other
        // commits, the case (whose digest map now names the new notice) after it.
        var attempts = 0;
        var at = _clock.GetUtcNow().UtcDateTime;
        await _host.Runtime.InTransactionAsync(Actor.Operator("clerk-li"), async (db, _, ct) =>
        {
            attempts++;
            var notice = await db.Notices.Where(n => n.CaseId == _waiting).OrderBy(n => n.Id).FirstAsync(ct);
            if (attempts == 1)
            {
                await _host.Runtime.InTransactionAsync(Actor.Operator("clerk-wu"), async (other, _, ct2) =>
                {
                    (await other.Notices.SingleAsync(n => n.Id == notice.Id, ct2)).DeliveredAt = at;
                    return 0;
                }, ct);
            }
            await db.Cases.SingleAsync(c => c.Id == _waiting, ct);
            notice.ReadAt = at;
            return 0;
        }, CancellationToken.None);

        Assert.That(attempts, Is.EqualTo(2));
        await using (var db = _host.Db())
        {
            var notice = await db.Notices.Where(n => n.CaseId == _waiting).OrderBy(n => n.Id).FirstAsync();
            Assert.That((notice.DeliveredAt, notice.ReadAt), Is.EqualTo(((DateTime?)at, (DateTime?)at)));
        }
        Assert.That((await _host.VerifyAsync(_waiting)).Intact, Is.True);
    }

    [Test]
    public async Task TimerJob_OnAnEditedTimerRow_GivesUpAtOnce_WithoutRetries_AndChangesNothing()
    {
        var timer = await _host.SupplementDeadlineAsync(_waiting);
        Sql("UPDATE Timers SET DueAt = $due WHERE Id = $id", ("$due", timer.DueAt.AddDays(-3)), ("$id", timer.Id));
        _clock.Set(new DateTimeOffset(timer.DueAt.AddMinutes(1), TimeSpan.Zero));
        var before = RawSql.Dump(_host.Database);

        // Throwing would make Hangfire retry five times into the same refusal; the job logs it once and returns.
        await _host.Get<TimerJob>().FireAsync(timer.Id, CancellationToken.None);

        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }

    [Test]
    public async Task Verify_NamesTheNotice_WhenItsRecipientIsEdited()
    {
        var notice = Convert.ToInt64(RawSql.Scalar(_host.Database, "SELECT Id FROM Notices WHERE CaseId = $c AND NoticeType = 'supplement-list'", ("$c", _waiting)));
        Sql("UPDATE Notices SET Recipient = 'someone-else' WHERE Id = $id", ("$id", notice));

        var result = await BrokenAsync(_waiting);

        Assert.That(result.Reason, Does.Contain($"notice #{notice} (supplement-list to someone-else) is not in the chain")
            .And.Contain("a notice the chain committed to is missing"));
    }

    [Test]
    public async Task Verify_NamesTheLicence_WhenItIsRenumberedOrDeleted()
    {
        var number = (string)RawSql.Scalar(_host.Database, "SELECT Number FROM Licences WHERE CaseId = $c", ("$c", _approved))!;
        Sql("UPDATE Licences SET ValidUntil = '2099-12-31' WHERE CaseId = $c", ("$c", _approved));

        Assert.That((await BrokenAsync(_approved)).Reason, Does.EndWith($"licence {number} was changed"));

        Sql("DELETE FROM Licences WHERE CaseId = $c", ("$c", _approved));

        Assert.That((await BrokenAsync(_approved)).Reason, Does.EndWith($"licence {number} row is missing"));
    }

    [Test]
    public async Task Verify_CatchesTheDeletedLastEntry_WhenTheCountAndHeadAreFixedUp()
    {
        var entries = await _host.AuditAsync(_waiting);
        var last = entries[^1];
        Sql("DELETE FROM AuditEntries WHERE Id = $id", ("$id", last.Id));
        Sql("UPDATE Cases SET AuditCount = $n, AuditHead = $h WHERE Id = $c", ("$n", last.Sequence - 1), ("$h", entries[^2].Hash), ("$c", _waiting));

        var result = await BrokenAsync(_waiting);

        // The rows are those the deleted entry's transition left; the remaining head committed to the state before it.
        Assert.That(result.BrokenAt, Is.EqualTo(last.Sequence - 1));
        Assert.That(result.Reason, Does.StartWith($"the case's rows differ from what entry {last.Sequence - 1} committed to"));
    }

    [Test]
    public async Task Verify_StillCatchesTheEdit_WhenTheDigestCopyOnTheCaseRowIsForgedToo()
    {
        Sql("UPDATE Cases SET Status = 'Faulted', RowDigests = '{}' WHERE Id = $id", ("$id", _waiting));

        var result = await BrokenAsync(_waiting);

        Assert.That(result.Reason, Does.Contain("the digest copy on the case row was altered as well"));
    }

    [Test]
    public async Task Verify_CatchesAnInsertedTaskRow()
    {
        var task = (await _host.TasksOfAsync(_waiting))[0];
        Sql("""
            INSERT INTO Tasks (CaseId, LocalId, ActivityId, DefinitionId, Title, Role, Department, Status, Priority, CreatedAt, OutcomesJson, FormJson, RowVersion)
            SELECT CaseId, 'task-99', ActivityId, DefinitionId, Title, Role, Department, 'Open', Priority, CreatedAt, OutcomesJson, FormJson, 0 FROM Tasks WHERE Id = $id
            """, ("$id", task.Id));

        var result = await BrokenAsync(_waiting);

        Assert.That(result.Reason, Does.Contain("task task-99").And.Contain("is not in the chain"));
    }
}
