using System.Text.Json.Nodes;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// The shell around the engine: each operation loads a case, runs the engine, and commits every resulting change in
/// one transaction; then it hands new licence timers, and new notices' documents, to Hangfire (a case timer needs
/// nothing more than its row: the timer pump fires due rows). A concurrent change to the same case makes the commit fail
/// on the concurrency token; the operation is then retried on fresh state, where the engine either applies it or refuses
/// it with a reason. Never both, never lost.
/// </summary>
public sealed class CaseRuntime(
    CasesDbFactory factory,
    DefinitionCache definitions,
    ProcedureRunner runner,
    LicenceIssuing licences,
    LicenceReminderScheduler licenceTimers,
    DocumentQueue documents,
    TimeProvider time,
    ILogger<CaseRuntime> logger)
{
    private const int Attempts = 8;
    /// <summary>Attempts that read without locking; later ones lock the contested rows first.</summary>
    internal const int OptimisticAttempts = 2;
    private readonly StateCache _states = new();

    /// <summary>
    /// Starts a case on the published version (or the named one). Returns its id and whether it faulted at once. An
    /// applicant applies for themselves; a clerk or head starts one on behalf of the <paramref name="applicant"/> they
    /// name; the operator for whom they name (themselves when nobody). Nobody else starts cases.
    /// </summary>
    public async Task<CaseOutcome> StartAsync(string definitionId, int? version, JsonObject? input, Actor actor, string? applicant = null, CancellationToken cancellationToken = default)
    {
        var forWhom = ApplicantFor(actor, applicant);
        return await InTransactionAsync(actor, async (db, transition, ct) =>
        {
            // The usual start (on the published version) takes one compiled read; the catalogue explains any refusal.
            var pinned = version is null ? await CompiledQueries.LatestPublishedAsync(db, definitionId, ct) : null;
            pinned ??= await ProcedureCatalog.VersionForNewCaseAsync(db, definitionId, version, ct);
            var c = await transition.StartAsync(definitionId, pinned.Value, input, forWhom, null, ct);
            return transition.Outcome(c);
        }, cancellationToken);
    }

    private static string ApplicantFor(Actor actor, string? applicant)
    {
        if (actor.IsTrusted) return applicant ?? actor.Id;
        if (actor.Has(ActorRoles.Applicant))
        {
            if (applicant is not null && applicant != actor.Id)
                throw new CasesException("forbidden", $"{actor.Id} applies for themselves, not for {applicant}");
            return actor.Id;
        }
        if (CaseAccess.IsStaff(actor))
        {
            Identity.Require(applicant, "applicant (a clerk starts a case on behalf of an applicant)");
            return applicant!;
        }
        throw new CasesException("forbidden", $"{actor.Id} may not start cases: applicants apply, clerks and heads on an applicant's behalf");
    }

    /// <summary>
    /// Delivers a named event (materials supplemented, commitment signed) to a case: to the case itself when it waits for
    /// it, otherwise to every running sub-procedure of its tree that does. The applicant knows one case; which internal
    /// procedure waits is the engine's business. Nothing waiting anywhere: refused with what the case waits for.
    /// </summary>
    public Task<CaseOutcome> SendEventAsync(string caseId, string eventName, JsonObject? payload, Actor actor, CancellationToken cancellationToken = default) =>
        InTransactionAsync(actor, (db, transition, ct) => SendEventInAsync(db, transition, caseId, eventName, payload, actor, ct), cancellationToken);

    /// <summary><see cref="SendEventAsync"/> inside the caller's transaction (an answered correction and its event commit together).</summary>
    internal async Task<CaseOutcome> SendEventInAsync(CasesDbContext db, Transition transition, string caseId, string eventName, JsonObject? payload, Actor actor, CancellationToken ct)
    {
        var root = await CompiledQueries.CaseAsync(db, caseId, ct) ?? throw CaseAccess.UnknownCase(caseId);
        await CaseAccess.RequireMayActAsync(db, root, actor, ct);
        var targets = Waits(root, eventName) ? [root] : await WaitingDescendantsAsync(db, root, eventName, ct);
        // The root's own refusal explains best what it waits for instead.
        if (targets.Count == 0) targets.Add(root);
        // A WaitForEvent may name who sends its event; the operator and the system are not restricted.
        var sender = actor.IsTrusted ? null : root.Applicant == actor.Id ? EventSenders.Applicant : EventSenders.Staff;
        foreach (var target in targets)
        {
            var rejection = await transition.ApplyAsync(target, new EventStimulus(eventName, payload, sender), "event-received", ct);
            if (rejection is not null) throw new CasesException("rejected-" + rejection.Code, $"case {caseId}: {rejection.Message}");
        }
        return transition.Outcome(root);
    }

    private bool Waits(Case c, string eventName) =>
        c.Status == CaseStatus.Running && c.StateJson.Length > 0
        && Transition.ParseState(c, _states).Tokens.Any(t => t.Events.ContainsKey(eventName));

    /// <summary>Running cases below <paramref name="root"/>, nearest first, that wait for the event.</summary>
    private async Task<List<Case>> WaitingDescendantsAsync(CasesDbContext db, Case root, string eventName, CancellationToken ct)
    {
        var waiting = new List<Case>();
        var level = new List<string> { root.Id };
        // Sub-procedures nest at most ProcedureRunner.MaxNestingDepth deep: one query per level.
        while (level.Count > 0)
        {
            // Found by their parents only, the running ones kept here: with "Status = Running" in the query SQLite walks
            // the status index over every running case of every procedure (seconds with 100,000 of them) to find a few children.
            var children = (await db.Cases.Where(c => c.ParentCaseId != null && level.Contains(c.ParentCaseId))
                .OrderBy(c => c.CreatedAt).ToListAsync(ct)).Where(c => c.Status == CaseStatus.Running).ToList();
            waiting.AddRange(children.Where(c => Waits(c, eventName)));
            level = children.Select(c => c.Id).ToList();
        }
        return waiting;
    }

    /// <summary>
    /// Applies one stimulus to a case in one transaction; the outcome says whether a case faulted. Internal: the raw entry
    /// point for the system's own stimuli (a timer firing); people act through the use cases, which check who they are.
    /// </summary>
    internal Task<CaseOutcome> ApplyAsync(string caseId, Stimulus stimulus, string action, Actor actor, CancellationToken cancellationToken = default) =>
        InTransactionAsync(actor, async (db, transition, ct) =>
        {
            var c = await CompiledQueries.CaseAsync(db, caseId, ct) ?? throw new CasesException("unknown-case", $"no case {caseId}");
            var rejection = await transition.ApplyAsync(c, stimulus, action, ct);
            if (rejection is not null) throw new CasesException("rejected-" + rejection.Code, $"case {caseId}: {rejection.Message}");
            return transition.Outcome(c);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a fresh context and commits it with one SaveChanges (one transaction). Retries
    /// from scratch when a concurrent writer got there first; licence timers touched are dispatched after commit. On a
    /// server database the write first locks the rows it changes, in one order, so that writers queue rather than
    /// deadlock. After <see cref="OptimisticAttempts"/> lost races an attempt first locks the rows the last one changed (<see cref="RowLocks"/>),
    /// so that a long transition is not starved by short writers of the same rows (a document issued, a licence numbered).
    /// </summary>
    internal async Task<T> InTransactionAsync<T>(Actor actor, Func<CasesDbContext, Transition, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        IReadOnlyList<RowLocks.RowKey> contested = [];
        var lost = new LostAttempts(logger, actor.Recorded);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = factory.CreateDbContext();
            // One open for the reads and the write: left to itself EF opens and closes the connection around each.
            await db.Database.OpenConnectionAsync(cancellationToken);
            RowLocks? locks;
            try
            {
                locks = attempt > OptimisticAttempts ? await RowLocks.TakeAsync(db, factory.WriteGate, contested, cancellationToken) : null;
            }
            catch (Exception ex) when (WriteConflicts.IsLostLock(ex))
            {
                lost.Add(attempt, locked: true, ex);
                if (attempt < Attempts) continue;
                throw lost.GaveUp(Attempts);
            }
            await using var lockedAttempt = locks;
            var now = time.GetUtcNow();
            var transition = new Transition(db, definitions, runner, now, actor, _states, licences);
            var result = await work(db, transition, cancellationToken);
            CasesException? altered = null;
            try
            {
                await AuditSeal.SealAsync(db, actor.Recorded, now.UtcDateTime, cancellationToken);
            }
            catch (CasesException ex) when (ex.Code == CasesException.AlteredRow && attempt < Attempts)
            {
                altered = ex;
                lost.Add(attempt, locks is not null, ex);
            }
            if (altered is not null)
            {
                // Under a server database's read committed, rows read before and after a concurrent commit disagree with
                // each other and look altered; a fresh attempt reads them anew, and a forged row is still refused then.
                if (await ReadBeforeAnotherCommitAsync(db, cancellationToken))
                {
                    contested = RowLocks.Written(db);
                    continue;
                }
                throw altered;
            }
            try
            {
                await CommitAsync(db, locks, cancellationToken);
            }
            catch (Exception ex) when (ex is DbUpdateException update ? WriteConflicts.IsLostRace(update) : WriteConflicts.IsLostLock(ex))
            {
                lost.Add(attempt, locks is not null, ex);
                if (attempt == Attempts) throw lost.GaveUp(Attempts);
                contested = RowLocks.Written(db);
                continue;
            }
            transition.Committed();
            if (transition.TouchedReminders.Count > 0) await licenceTimers.DispatchCommittedAsync(transition.TouchedReminders, cancellationToken);
            // Documents are rendered and sealed by a job: milliseconds of PDF work stay off the transition.
            if (transition.NewNotices.Count > 0)
                documents.Enqueue(transition.NewNotices.Where(n => ServiceMethods.IsDocument(n.Recipient)).Select(n => n.Id));
            return result;
        }
    }

    /// <summary>
    /// The commit step. SQLite: writers of this process take turns at the write gate rather than in SQLite's sleeping busy
    /// retry; with group commit, those arriving together share one transaction and one COMMIT (<see cref="GroupCommit"/>).
    /// A locked attempt already holds the gate and commits alone.
    /// </summary>
    private async Task CommitAsync(CasesDbContext db, RowLocks? locks, CancellationToken cancellationToken)
    {
        if (locks is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await locks.CommitAsync(cancellationToken);
            return;
        }
        if (factory.GroupCommit is { } group)
        {
            await group.CommitAsync(db, cancellationToken);
            return;
        }
        var gate = factory.WriteGate;
        if (gate is not null) await gate.WaitAsync(cancellationToken);
        try
        {
            // A server database: the rows about to change are locked in one order first (see RowLocks).
            await using var writing = await RowLocks.TakeForWriteAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (writing is not null) await writing.CommitAsync(cancellationToken);
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>
    /// Whether a row this transaction read has since been committed anew by another (a case's row version moved, another
    /// row's digest changed): then a seal mismatch is a race, not tampering, which leaves what was read in place.
    /// </summary>
    private static async Task<bool> ReadBeforeAnotherCommitAsync(CasesDbContext db, CancellationToken ct)
    {
        var read = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Unchanged or EntityState.Modified or EntityState.Deleted && RowDigest.OwnerOf(e.Entity) is not null)
            .ToList();
        foreach (var entry in read)
        {
            var stored = await entry.GetDatabaseValuesAsync(ct);
            if (stored is null) return true;
            var moved = entry.Entity is Case
                ? !Equals(stored[nameof(Case.RowVersion)], entry.OriginalValues[nameof(Case.RowVersion)])
                : RowDigest.Of(stored.ToObject()) != RowDigest.Of(entry.OriginalValues.ToObject());
            if (moved) return true;
        }
        return false;
    }
}
