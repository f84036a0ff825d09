using System.Text.Json.Nodes;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tasks;

/// <summary>
/// What clerks do with tasks: claim, release, assign, complete. Each is one transaction that also appends to the
/// case's audit chain (which bumps the case's concurrency token, so two clerks racing on one case serialise).
/// Who may: a task is taken (claimed, completed) by staff of its department whose duties include its task role, or by
/// whoever it is assigned to; the department's head assigns it; a task the actor may not see is unknown to them.
/// A task kept apart from another (UserTask <c>notSameAs</c>: the hearing officer is not the reviewer) is refused to
/// whoever holds or held the other, with <c>conflict-of-interest</c>.
/// </summary>
public sealed class TaskCommands(CaseRuntime runtime, TimeProvider time)
{
    /// <summary>Takes an open task; refused when someone else holds it.</summary>
    public Task ClaimAsync(long taskId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(taskId, actor, "task-claimed", holder: actor.Id, task =>
        {
            if (task.Status == WorkTaskStatus.Claimed && task.Assignee == actor.Id) throw new CasesException("already-claimed", $"task {taskId} is already yours");
            RequireMayTake(task, actor);
            task.Status = WorkTaskStatus.Claimed;
            task.Assignee = actor.Id;
        }, cancellationToken);

    /// <summary>Gives a claimed task back to the pool: its holder, or the head of its department.</summary>
    public Task ReleaseAsync(long taskId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(taskId, actor, "task-released", holder: null, task =>
        {
            if (task.Status != WorkTaskStatus.Claimed) throw new CasesException("not-claimed", $"task {taskId} is {Name(task.Status)}, not claimed");
            if (task.Assignee != actor.Id && !CaseAccess.HeadsDepartmentOf(actor, task))
                throw new CasesException("claimed-by-other", $"task {taskId} is claimed by {task.Assignee}; only they or the head of {task.Department} can release it");
            task.Status = WorkTaskStatus.Open;
            task.Assignee = null;
        }, cancellationToken);

    /// <summary>
    /// The head of the task's department hands it (open or claimed) to <paramref name="assignee"/>, who must be staff of
    /// that department with the task's role among their duties (the operator may hand it to anyone).
    /// </summary>
    public Task AssignAsync(long taskId, Actor assignee, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        return ChangeAsync(taskId, actor, "task-assigned", holder: assignee.Id, task =>
        {
            if (!CaseAccess.HeadsDepartmentOf(actor, task))
                throw new CasesException("forbidden", $"{actor.Id} may not assign task {taskId}: only the head of {task.Department} may");
            if (task.Status is WorkTaskStatus.Completed or WorkTaskStatus.Cancelled)
                throw new CasesException("task-closed", $"task {taskId} is {Name(task.Status)}");
            if (!actor.IsTrusted && !(CaseAccess.IsStaff(assignee) && assignee.InDepartment(task.Department) && assignee.Duties.Contains(task.Role)))
                throw new CasesException("invalid-assignee", $"{assignee.Id} cannot take task {taskId}: it needs the role '{task.Role}' in {task.Department}");
            task.Status = WorkTaskStatus.Claimed;
            task.Assignee = assignee.Id;
        }, cancellationToken);
    }

    /// <summary>
    /// Completes a task with an outcome and form data and resumes the case, in one transaction. An open task is claimed
    /// by the completer on the way; a task claimed by someone else cannot be completed by another.
    /// </summary>
    public Task<CaseOutcome> CompleteAsync(long taskId, string outcome, JsonObject? data, Actor actor, CancellationToken cancellationToken = default) =>
        runtime.InTransactionAsync(actor, async (db, transition, ct) =>
        {
            var (_, c) = await CompleteInAsync(db, transition, taskId, outcome, data, actor, ct);
            return transition.Outcome(c);
        }, cancellationToken);

    /// <summary>
    /// Completes the task inside the caller's transaction. A correction request (补正) on a case applied for online is
    /// refused here unless <paramref name="structuredCorrection"/>: it must go through the structured request, whose
    /// items name the materials the applicant then answers online.
    /// </summary>
    internal static async Task<TaskAndCase> CompleteInAsync(CasesDbContext db, Transition transition, long taskId, string outcome, JsonObject? data, Actor actor,
        CancellationToken ct, bool structuredCorrection = false)
    {
        var (task, c) = await FindWithCaseAsync(db, taskId, actor, ct);
        RequireMayTake(task, actor);
        if (outcome == CorrectionOutcome && !structuredCorrection)
        {
            var root = c.RootCaseId;
            if (await db.Applications.AnyAsync(a => a.CaseId == root, ct))
                throw new CasesException("correction-items-required",
                    $"task {taskId}: case {root} was applied for online, so its correction request lists structured items (material, problem, fix) the applicant answers online: make it as a correction request of the task, not by completing it");
        }
        await RequireNoConflictAsync(db, transition, task, c, actor.Id, ct);
        task.Assignee = actor.Id;
        var rejection = await transition.ApplyAsync(c, new TaskCompletedStimulus(task.LocalId, outcome, data, actor.Id), "task-completed", ct);
        if (rejection is not null) throw new CasesException("rejected-" + rejection.Code, $"task {taskId}: {rejection.Message}");
        task.DataJson = data?.ToJsonString(EngineJson.Options);
        // An assistance case's answer and result reach the requesting case in this same transaction.
        await Collaboration.AssistanceResults.RecordInAsync(db, transition, task, c, outcome, data, actor, ct);
        return new TaskAndCase(task, c);
    }

    /// <summary>The outcome by which the seed procedures' pre-review asks for corrections (art. 32).</summary>
    internal const string CorrectionOutcome = "request-correction";

    // holder: who holds the task after the change (checked against notSameAs), or null when nobody does.
    private Task ChangeAsync(long taskId, Actor actor, string action, string? holder, Action<WorkTask> change, CancellationToken cancellationToken) =>
        runtime.InTransactionAsync(actor, async (db, transition, ct) =>
        {
            var (task, c) = await FindWithCaseAsync(db, taskId, actor, ct);
            var before = Snapshot(task);
            change(task);
            if (holder is not null) await RequireNoConflictAsync(db, transition, task, c, holder, ct);
            task.RowVersion++;
            c.RowVersion++;
            var detail = new JsonObject { ["task"] = task.Id, ["localId"] = task.LocalId, ["before"] = before, ["after"] = Snapshot(task) };
            db.AuditEntries.Add(AuditChain.Append(c, actor.Recorded, action, detail.ToJsonString(), time.GetUtcNow().UtcDateTime));
            return true;
        }, cancellationToken);

    /// <summary>The task and its case, both tracked, in one read; unknown to an actor who may not see the task.</summary>
    private static async Task<TaskAndCase> FindWithCaseAsync(CasesDbContext db, long taskId, Actor actor, CancellationToken ct) =>
        await CompiledQueries.TaskAndCaseAsync(db, taskId, ct) is { } found && CaseAccess.CanSee(actor, found.Task)
            ? found
            : throw CaseAccess.UnknownTask(taskId);

    private static void RequireMayTake(WorkTask task, Actor actor)
    {
        if (task.Status is WorkTaskStatus.Completed or WorkTaskStatus.Cancelled)
            throw new CasesException("task-closed", $"task {task.Id} is {Name(task.Status)}");
        if (task.Status == WorkTaskStatus.Claimed && task.Assignee != actor.Id)
            throw new CasesException("claimed-by-other", $"task {task.Id} is claimed by {task.Assignee}, not {actor.Id}");
        if (!CaseAccess.MayTake(actor, task))
            throw new CasesException("forbidden", $"{actor.Id} may not take task {task.Id}: it is for the role '{task.Role}' in {task.Department}");
    }

    /// <summary>
    /// The rule is read from the case's engine state: the task's own <c>notSameAs</c>, and every task whose rule names this
    /// task's activity (the check holds whichever of the two is held first). A cancelled task was never acted on.
    /// </summary>
    private static async Task RequireNoConflictAsync(CasesDbContext db, Transition transition, WorkTask task, Case c, string user, CancellationToken ct)
    {
        // Through the transition's cache: completing parses this state once, for the check and the run.
        var state = transition.StateOf(c);
        var apart = state.Tasks.Where(t => t.NotSameAs == task.ActivityId).Select(t => t.ActivityId).ToHashSet(StringComparer.Ordinal);
        if (state.FindTask(task.LocalId)?.NotSameAs is { } rule) apart.Add(rule);
        if (apart.Count == 0) return;
        var other = await db.Tasks.AsNoTracking()
            .Where(t => t.CaseId == task.CaseId && t.Id != task.Id && apart.Contains(t.ActivityId) && t.Status != WorkTaskStatus.Cancelled
                && (t.Assignee == user || t.CompletedBy == user))
            .OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Title, t.ActivityId })
            .FirstOrDefaultAsync(ct);
        if (other is not null)
            throw new CasesException("conflict-of-interest",
                $"task {task.Id} ('{task.Title}') cannot be held by {user}: they hold task {other.Id} ('{other.Title}', activity '{other.ActivityId}'), and the procedure requires different people");
    }

    private static JsonObject Snapshot(WorkTask task) => new() { ["status"] = Name(task.Status), ["assignee"] = task.Assignee };

    private static string Name(WorkTaskStatus status) => status.ToString().ToLowerInvariant();
}
