using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Licences;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Instances;

/// <summary>
/// Stages, in one DbContext, everything one stimulus changes: the case's state, its tasks, timers, notices, licences,
/// sub-procedures (started and finished in the same transaction) and one audit entry per case touched. The caller's
/// single SaveChanges commits it all or nothing; the case row's concurrency token makes a racing writer fail.
/// </summary>
internal sealed class Transition(CasesDbContext db, DefinitionCache definitions, ProcedureRunner runner, DateTimeOffset now, Actor actor, StateCache? states, LicenceIssuing licences)
{
    private DateTime Utc => now.UtcDateTime;

    /// <summary>The transaction's time (one clock reading for everything it writes).</summary>
    public DateTimeOffset Now => now;

    /// <summary>Timers created or cancelled in this transition (a use case reporting the deadline it set).</summary>
    public List<CaseTimer> TouchedTimers { get; } = [];

    /// <summary>Licence renewal timers created: scheduled with Hangfire after commit.</summary>
    public List<LicenceReminder> TouchedReminders { get; } = [];
    /// <summary>Notices staged: their documents are issued after commit, off this transaction.</summary>
    public List<Notice> NewNotices { get; } = [];

    /// <summary>Cases that faulted in this transition (a fault is committed, but callers must hear of it).</summary>
    public List<CaseFault> Faults { get; } = [];

    /// <summary>Every effect applied so far, in order (a caller reporting what a stimulus changed).</summary>
    public List<Effect> Effects { get; } = [];

    /// <summary>Task rows staged in this transition, with their root case: the outcome's opened tasks once committed.</summary>
    private readonly List<(WorkTask Task, string RootCaseId)> _newTasks = [];

    /// <summary>The outcome's opened tasks: filled by <see cref="Committed"/> (a task's id is the database's).</summary>
    private readonly List<OpenedTask> _opened = [];

    /// <summary>What the transition left <paramref name="c"/> in.</summary>
    public CaseOutcome Outcome(Case c) => new(c.Id, c.Status, c.Outcome, Faults, _opened);

    /// <summary>
    /// Called once the transaction committed: the tasks it created and left open (one created and cancelled in the same
    /// transaction, a sub-procedure ended at once, opened nothing) become the outcome's opened tasks, ids and all.
    /// </summary>
    public void Committed() => _opened.AddRange(_newTasks.Where(n => n.Task.IsOpen).Select(n => OpenedTask.From(n.Task, n.RootCaseId)));

    /// <summary>
    /// Starts a case for <paramref name="applicant"/>; <paramref name="parent"/> is set when a CallProcedure of another case
    /// starts it (the child is then its root's applicant's).
    /// </summary>
    public async Task<Case> StartAsync(string definitionId, int version, JsonObject? input, string? applicant, ParentLink? parent, CancellationToken ct)
    {
        var id = NewCaseId(now);
        var c = new Case
        {
            Id = id,
            RootCaseId = parent?.RootCaseId ?? id,
            Applicant = parent is null ? applicant : parent.Applicant,
            DefinitionId = definitionId,
            Version = version,
            StateJson = "",
            StartedBy = actor.Recorded,
            CreatedAt = Utc,
            UpdatedAt = Utc,
            ParentCaseId = parent?.CaseId,
            ParentChildId = parent?.ChildId,
        };
        db.Cases.Add(c);
        var rejection = await ApplyAsync(c, new StartStimulus(c.Id, input, actor.Recorded, parent?.Depth ?? 0), "case-started", ct);
        if (rejection is not null) throw new CasesException("rejected-" + rejection.Code, rejection.Message);
        if (parent is null && c.StateJson.Length > 0 && StateOf(c).Variables["department"] is JsonValue department
            && department.TryGetValue<string>(out var handling) && handling.Length <= CasesDbContext.DefaultStringLength)
            c.Department = handling;
        return c;
    }

    /// <summary>Runs the stimulus and stages its effects; returns the rejection (nothing staged) when the procedure refuses it.</summary>
    public async Task<Rejection?> ApplyAsync(Case c, Stimulus stimulus, string action, CancellationToken ct)
    {
        var definition = await definitions.GetAsync(c.DefinitionId, c.Version, ct);
        var state = c.StateJson.Length == 0 ? null : ParseState(c, states);
        var result = runner.Run(definition, state, stimulus, now);
        if (result.Rejection is { } rejection) return rejection;

        var before = c.Status;
        c.StateJson = result.State.ToJson();
        states?.Remember(c.Id, c.StateJson, result.State);
        c.Status = StatusOf(result.State.Status);
        c.Outcome = result.State.Outcome;
        c.LegalClock = result.State.Clock?.Status;
        c.ClockExtended = result.State.Clock is { ExtensionWorkingDays: > 0 };
        c.ClockJson = ClockJsonOf(result.State.Clock);
        if (c.Status == CaseStatus.Faulted && before != CaseStatus.Faulted)
            Faults.Add(new CaseFault(c.Id, result.State.Fault?.ActivityId ?? "", result.State.Fault?.Message ?? "no reason recorded"));
        c.UpdatedAt = Utc;
        c.RowVersion++;

        var journal = new JsonArray();
        var children = new List<SubProcedureStarted>();
        Stimulus? toParent = null;
        Effects.AddRange(result.Effects);
        foreach (var effect in result.Effects)
        {
            journal.Add(effect.Describe());
            switch (effect)
            {
                case SubProcedureStarted started:
                    children.Add(started);
                    break;
                case InstanceCompleted done when c.ParentChildId is { } childId:
                    toParent = new SubProcedureFinishedStimulus(childId, done.Outcome);
                    break;
                case InstanceFaulted faulted when c.ParentChildId is { } childId:
                    toParent = new SubProcedureFaultedStimulus(childId, faulted.ActivityId, faulted.Message);
                    break;
                default:
                    await ApplyEffectAsync(c, effect, ct);
                    break;
            }
        }
        var detail = new JsonObject
        {
            ["stimulus"] = JsonSerializer.SerializeToNode(stimulus, EngineJson.Options),
            ["status"] = before == c.Status && stimulus is not StartStimulus ? Name(c.Status) : $"{(stimulus is StartStimulus ? "new" : Name(before))} -> {Name(c.Status)}",
            ["journal"] = journal,
            // The same steps as data, for timelines that render and filter them in the reader's language.
            ["effects"] = JsonSerializer.SerializeToNode(result.Effects, EngineJson.Options),
        };
        db.AuditEntries.Add(AuditChain.Append(c, actor.Recorded, action, detail.ToJsonString(EngineJson.Options), Utc));

        // Children start only once this case's own changes and entry are staged: a child that ends at once resumes
        // this case with a stimulus of its own, which must find this case's rows in place.
        foreach (var started in children)
        {
            var version = await ProcedureCatalog.VersionForNewCaseAsync(db, started.DefinitionId, started.Version, ct);
            await StartAsync(started.DefinitionId, version, started.Input, null, new ParentLink(c.Id, c.RootCaseId, c.Applicant, started.ChildId, result.State.Depth + 1), ct);
        }

        // A sub-procedure that ends (or faults) resumes (or faults) its parent in the same transaction: the two can never
        // disagree. One the parent terminated because the parent ended has no parent waiting.
        if (toParent is not null && stimulus is not TerminateStimulus && c.ParentCaseId is { } parentId)
        {
            var parent = await db.Cases.FindAsync([parentId], ct) ?? throw new CasesException("unknown-case", $"parent case {parentId} not found");
            var refused = await ApplyAsync(parent, toParent, toParent is SubProcedureFaultedStimulus ? "sub-procedure-faulted" : "sub-procedure-finished", ct);
            if (refused is not null)
                throw new CasesException("rejected-" + refused.Code, $"parent case {parentId} refused the outcome of {c.Id}: {refused.Message}");
        }
        return null;
    }

    private async Task ApplyEffectAsync(Case c, Effect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case TaskCreated created:
                RequireColumnFits(created.Task.Department, "department", created.Task.ActivityId);
                RequireColumnFits(created.Task.Role, "task role", created.Task.ActivityId);
                var newTask = NewTask(c, created.Task);
                if (newTask.SharedMaterials is null && !WorksInTree(c, newTask.Department)) await WorkingDepartment.NoteAsync(db, c, newTask, ct);
                db.Tasks.Add(newTask);
                _newTasks.Add((newTask, c.RootCaseId));
                break;
            case TaskCompleted completed:
                var done = await TaskAsync(c.Id, completed.TaskId, ct);
                done.Status = WorkTaskStatus.Completed;
                done.Outcome = completed.Outcome;
                done.CompletedBy = completed.CompletedBy;
                done.Assignee ??= completed.CompletedBy;
                done.ClosedAt = Utc;
                done.RowVersion++;
                break;
            case TaskDueChanged due:
                var moved = await TaskAsync(c.Id, due.TaskId, ct);
                moved.DueAt = due.DueAt.UtcDateTime;
                moved.DueDate = due.DueDate;
                moved.RowVersion++;
                break;
            case TaskCancelled cancelled:
                var task = await TaskAsync(c.Id, cancelled.TaskId, ct);
                task.Status = WorkTaskStatus.Cancelled;
                task.ClosedAt = Utc;
                task.RowVersion++;
                break;
            case TimerScheduled scheduled:
                var timer = new CaseTimer
                {
                    CaseId = c.Id,
                    LocalId = scheduled.TimerId,
                    ActivityId = scheduled.ActivityId,
                    Purpose = scheduled.Purpose.ToString(),
                    DueAt = scheduled.DueAt.UtcDateTime,
                    Status = CaseTimerStatus.Pending,
                };
                db.Timers.Add(timer);
                TouchedTimers.Add(timer);
                break;
            case TimerCancelled timerCancelled:
                var stopped = await TimerAsync(c.Id, timerCancelled.TimerId, ct);
                stopped.Status = CaseTimerStatus.Cancelled;
                TouchedTimers.Add(stopped);
                break;
            case TimerFired fired:
                var firedRow = await TimerAsync(c.Id, fired.TimerId, ct);
                firedRow.Status = CaseTimerStatus.Fired;
                firedRow.FiredAt = Utc;
                break;
            case NoticeSent notice:
                if (notice.Issuer is { } issuer) RequireColumnFits(issuer, "issuing department", notice.ActivityId);
                var row = new Notice
                {
                    CaseId = c.RootCaseId,
                    ActivityId = notice.ActivityId,
                    NoticeType = notice.NoticeType,
                    Template = notice.Template,
                    Recipient = notice.Recipient,
                    DataJson = notice.Data?.ToJsonString(EngineJson.Options),
                    Issuer = notice.Issuer,
                    CreatedAt = Utc,
                };
                db.Notices.Add(row);
                NewNotices.Add(row);
                break;
            case LegalClockChanged clock:
                c.ClockDueDate = clock.DueDate;
                break;
            case LicenceIssued issued:
                await licences.IssueAsync(db, c, StateOf(c), issued, Utc, TouchedReminders, ct);
                break;
            case LicenceRevoked revoked:
                // The procedure's own revocation (a false commitment, deferred materials never supplied).
                var root = c.RootCaseId;
                var valid = db.Licences.Local.Where(l => l.CaseId == root && l.Status == LicenceStatus.Valid).ToList();
                valid.AddRange(await db.Licences.Where(l => l.CaseId == root && l.Status == LicenceStatus.Valid).ToListAsync(ct));
                foreach (var licence in valid.Distinct()) await RevokeLicence.RevokeAsync(db, licence, revoked.Reason, Utc, ct);
                break;
            case SubProcedureTerminated terminated:
                // The child may have been started in this same transaction, so look among the staged cases first.
                var child = Tracked(db.Cases, x => x.ParentCaseId == c.Id && x.ParentChildId == terminated.ChildId)
                    ?? await db.Cases.SingleOrDefaultAsync(x => x.ParentCaseId == c.Id && x.ParentChildId == terminated.ChildId, ct);
                if (child is { Status: CaseStatus.Running })
                    await ApplyAsync(child, new TerminateStimulus(terminated.Reason), "case-terminated", ct);
                break;
        }
    }

    /// <summary>
    /// A task's department and role may come from the case's input ($department): one longer than its column would be
    /// cut or refused by a server database at commit. Refused here, for both providers alike, before anything is written.
    /// </summary>
    private static void RequireColumnFits(string value, string what, string activityId)
    {
        if (value.Length > CasesDbContext.DefaultStringLength)
            throw new CasesException("invalid-input",
                $"activity '{activityId}': the {what} is {value.Length} characters long; at most {CasesDbContext.DefaultStringLength} are accepted");
    }

    private WorkTask NewTask(Case c, TaskRecord t) => new()
    {
        CaseId = c.Id,
        LocalId = t.Id,
        ActivityId = t.ActivityId,
        DefinitionId = c.DefinitionId,
        Title = t.Title,
        Instructions = t.Instructions,
        Role = t.Role,
        Department = t.Department,
        Status = WorkTaskStatus.Open,
        Priority = t.Priority,
        CreatedAt = Utc,
        DueAt = t.DueAt?.UtcDateTime,
        DueDate = t.DueDate,
        FollowUpAt = t.FollowUpAt?.UtcDateTime,
        OutcomesJson = JsonSerializer.Serialize(t.Outcomes, EngineJson.Options),
        FormJson = JsonSerializer.Serialize(t.Form, EngineJson.Options),
        SharedMaterials = WorkTask.SharedMaterialsOf(t),
    };

    private async Task<WorkTask> TaskAsync(string caseId, string localId, CancellationToken ct) =>
        Tracked(db.Tasks, t => t.CaseId == caseId && t.LocalId == localId)
        ?? await db.Tasks.SingleOrDefaultAsync(t => t.CaseId == caseId && t.LocalId == localId, ct)
        ?? throw new InvalidOperationException($"task row {caseId}/{localId} is missing");

    private async Task<CaseTimer> TimerAsync(string caseId, string localId, CancellationToken ct) =>
        Tracked(db.Timers, t => t.CaseId == caseId && t.LocalId == localId)
        ?? await db.Timers.SingleOrDefaultAsync(t => t.CaseId == caseId && t.LocalId == localId, ct)
        ?? throw new InvalidOperationException($"timer row {caseId}/{localId} is missing");

    /// <summary>
    /// Whether this context already shows that the tree's working row for <paramref name="department"/> is stored or
    /// staged: a task of that department's own work in the case (written with the row; the task a completion closes
    /// usually is one), or the row itself. Only a department's first task in a case looks the row up.
    /// </summary>
    private bool WorksInTree(Case c, string department) =>
        Tracked(db.Tasks, t => t.CaseId == c.Id && t.Department == department && t.SharedMaterials is null) is not null
        || Tracked(db.WorkingDepartments, w => w.RootCaseId == c.RootCaseId && w.Department == department) is not null;

    /// <summary>
    /// An entity this context already tracks. DbSet.Local first runs DetectChanges over every tracked entity, which a
    /// lookup by columns that never change does not need; SaveChanges still detects every change.
    /// </summary>
    private T? Tracked<T>(DbSet<T> set, Func<T, bool> match) where T : class
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return set.Local.FirstOrDefault(match);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private const string IdAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Readable, sortable by day, and hard to guess: CA-20260302-K7Q2XMAB.</summary>
    private static string NewCaseId(DateTimeOffset now) =>
        $"CA-{ChinaTime.DateOf(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{RandomNumberGenerator.GetString(IdAlphabet, 8)}";

    /// <summary>
    /// The case's engine state, parsed once per text (the runtime's cache); a state that is not valid JSON (edited behind
    /// the application's back) refuses the stimulus.
    /// </summary>
    internal InstanceState StateOf(Case c) => ParseState(c, states);

    internal static InstanceState ParseState(Case c, StateCache? cache = null)
    {
        try
        {
            return cache?.Parse(c.Id, c.StateJson) ?? InstanceState.FromJson(c.StateJson);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new CasesException(CasesException.CorruptState, $"case {c.Id}: its stored state is not valid JSON; nothing was done (run: audit verify {c.Id})");
        }
    }

    /// <summary>The <see cref="Case.ClockJson"/> projection of a state's clock.</summary>
    internal static string? ClockJsonOf(LegalClockState? clock) => clock is null ? null : JsonSerializer.Serialize(clock, EngineJson.Options);

    /// <summary>The case row's status column: a projection of the engine's.</summary>
    public static CaseStatus StatusOf(InstanceStatus status) => status switch
    {
        InstanceStatus.Completed => CaseStatus.Completed,
        InstanceStatus.Faulted => CaseStatus.Faulted,
        _ => CaseStatus.Running,
    };

    private static string Name(CaseStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>The case and CallProcedure record that started a sub-procedure (with the tree's root and applicant), and how deeply it is nested.</summary>
internal sealed record ParentLink(string CaseId, string RootCaseId, string? Applicant, string ChildId, int Depth);
