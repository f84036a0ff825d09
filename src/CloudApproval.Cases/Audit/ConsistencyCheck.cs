using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// Cross-checks what must agree after any crash: each case's engine state against its task and timer rows, and its
/// audit trail against double application (a task completed or a timer fired twice). Empty result = consistent.
/// </summary>
public sealed class ConsistencyCheck(CasesDbFactory factory)
{
    /// <summary>The whole database: for auditors and admins.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("check the database's consistency", ActorRoles.Auditor, ActorRoles.Admin);
        var problems = new List<string>();
        await using var db = factory.CreateDbContext();
        // Cases, tasks, timers and entries from one state: a case changed between the queries is not an inconsistency.
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Select(c => new { c.Id, c.RootCaseId, c.CreatedAt, c.StateJson, c.Status, c.LegalClock, c.ClockExtended, c.ClockJson, c.MatterCode }).ToListAsync(cancellationToken);
        var appliedFor = (await db.Applications.AsNoTracking().Where(a => a.CaseId != null).Select(a => new { CaseId = a.CaseId!, a.MatterCode })
            .ToListAsync(cancellationToken)).ToLookup(a => a.CaseId, a => a.MatterCode);
        var tasks = (await db.Tasks.AsNoTracking().Select(t => new { t.CaseId, t.LocalId, t.Status, t.SharedMaterials, t.Department }).ToListAsync(cancellationToken))
            .ToLookup(t => t.CaseId);
        var timers = (await db.Timers.AsNoTracking().Select(t => new { t.CaseId, t.LocalId, t.Status }).ToListAsync(cancellationToken))
            .ToLookup(t => t.CaseId);
        var audit = (await db.AuditEntries.AsNoTracking()
            .Select(e => new { e.Id, e.CaseId, e.Sequence, e.Action, e.Detail }).ToListAsync(cancellationToken)).ToLookup(e => e.CaseId);
        foreach (var c in cases)
        {
            var applied = new List<string>();
            foreach (var e in audit[c.Id])
            {
                var (valid, target) = StimulusTarget(e.Detail);
                if (!valid) problems.Add($"{c.Id}: audit entry {e.Sequence} (row #{e.Id}, {e.Action}): its detail is not valid JSON");
                else if (target is not null && e.Action is ("task-completed" or "timer-fired")) applied.Add(target);
            }
            foreach (var again in applied.GroupBy(id => id).Where(g => g.Count() > 1))
                problems.Add($"{c.Id}: {again.Key} was applied {again.Count()} times");
            if (c.StateJson.Length == 0)
            {
                problems.Add($"{c.Id}: case row without engine state");
                continue;
            }
            InstanceState state;
            try
            {
                state = InstanceState.FromJson(c.StateJson);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                problems.Add($"{c.Id}: the case row's state (StateJson) is not valid engine state JSON ({ex.Message.Split(" Path:")[0]})");
                continue;
            }
            if (Transition.StatusOf(state.Status) != c.Status)
                problems.Add($"{c.Id}: the case row says {c.Status} but its state says {state.Status}");
            // Rows written before the clock columns existed were projected by the ProjectLegalClock migration: none is exempt.
            var clock = (Status: state.Clock?.Status, Extended: state.Clock is { ExtensionWorkingDays: > 0 });
            if ((c.LegalClock, c.ClockExtended) != clock)
                problems.Add($"{c.Id}: the case row says the legal clock is {ClockText(c.LegalClock, c.ClockExtended)} but its state says {ClockText(clock.Status, clock.Extended)}");
            // Compared as clocks, not as text: the migration's projection is the database's rendering of the stored JSON.
            if (!SameClock(c.ClockJson, state.Clock))
                problems.Add($"{c.Id}: the case row's clock column (ClockJson) disagrees with the clock in its state");
            // The matter column is a projection of the case's application (the dashboard counts by it), outside the row digest.
            var matter = appliedFor[c.Id].FirstOrDefault();
            if (c.MatterCode != matter)
                problems.Add($"{c.Id}: the case row says matter {c.MatterCode ?? "none"} but its application says {matter ?? "none"}");
            var taskRows = tasks[c.Id].ToDictionary(t => t.LocalId);
            foreach (var t in state.Tasks)
            {
                if (!taskRows.TryGetValue(t.Id, out var row)) problems.Add($"{c.Id}: task {t.Id} is in the state but has no row");
                else if ((t.Status == HumanTaskStatus.Open) != (row.Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed))
                    problems.Add($"{c.Id}: task {t.Id} is {t.Status} in the state but {row.Status} in its row");
                else if (WorkTask.SharedMaterialsOf(t) != row.SharedMaterials)
                    problems.Add($"{c.Id}: task {t.Id} shares {WorkTask.SharedMaterialsOf(t) ?? "the whole case"} in the state but {row.SharedMaterials ?? "the whole case"} in its row");
            }
            foreach (var orphan in taskRows.Keys.Except(state.Tasks.Select(t => t.Id)))
                problems.Add($"{c.Id}: orphan task row {orphan}");
            var timerRows = timers[c.Id].ToDictionary(t => t.LocalId);
            foreach (var t in state.Timers)
            {
                if (!timerRows.TryGetValue(t.Id, out var row)) problems.Add($"{c.Id}: timer {t.Id} is in the state but has no row");
                else if ((t.Status == TimerStatus.Pending) != (row.Status == CaseTimerStatus.Pending))
                    problems.Add($"{c.Id}: timer {t.Id} is {t.Status} in the state but {row.Status} in its row");
            }
            foreach (var orphan in timerRows.Keys.Except(state.Timers.Select(t => t.Id)))
                problems.Add($"{c.Id}: orphan timer row {orphan}");
        }
        problems.AddRange(await WorkingDepartmentProblemsAsync(db, cases.ToDictionary(c => c.Id, c => (c.RootCaseId, c.CreatedAt)),
            tasks.SelectMany(g => g).Where(t => t.SharedMaterials is null).Select(t => (t.CaseId, t.Department)), cancellationToken));
        return problems;
    }

    /// <summary>
    /// The departments recorded as working in each tree (what staff case lists are read from) against the tasks: one row
    /// per tree and department with a task of its own work in it, dated with the root's creation; no other.
    /// </summary>
    private static async Task<IEnumerable<string>> WorkingDepartmentProblemsAsync(CasesDbContext db,
        Dictionary<string, (string RootCaseId, DateTime CreatedAt)> cases, IEnumerable<(string CaseId, string Department)> ownWork, CancellationToken ct)
    {
        var expected = ownWork.Where(t => cases.ContainsKey(t.CaseId)).Select(t => (Root: cases[t.CaseId].RootCaseId, t.Department)).ToHashSet();
        var recorded = await db.WorkingDepartments.AsNoTracking().Select(w => new { w.RootCaseId, w.Department, w.CreatedAt }).ToListAsync(ct);
        var problems = new List<string>();
        foreach (var w in recorded)
        {
            if (!expected.Remove((w.RootCaseId, w.Department)))
                problems.Add($"{w.RootCaseId}: recorded as worked in by {w.Department}, which has no task of its own in the tree");
            else if (cases.TryGetValue(w.RootCaseId, out var root) && root.CreatedAt != w.CreatedAt)
                problems.Add($"{w.RootCaseId}: {w.Department}'s working row is dated {w.CreatedAt:O} but the case was created {root.CreatedAt:O}");
        }
        foreach (var (root, department) in expected)
            problems.Add($"{root}: {department} has a task of its own in the tree but no working row (its staff would not find the case in their lists)");
        return problems;
    }

    /// <summary>Whether the <see cref="Case.ClockJson"/> column holds the state's clock (both absent, or equal as clocks).</summary>
    private static bool SameClock(string? column, LegalClockState? clock)
    {
        if (column is null || clock is null) return column is null && clock is null;
        try
        {
            return Transition.ClockJsonOf(JsonSerializer.Deserialize<LegalClockState>(column, EngineJson.Options)) == Transition.ClockJsonOf(clock);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string ClockText(ClockStatus? status, bool extended) =>
        status is null ? "absent" : extended ? $"{status}, extended" : status.ToString()!;

    /// <summary>Whether the detail parses, and the task or timer its stimulus applied to (null for any other stimulus).</summary>
    private static (bool Valid, string? Target) StimulusTarget(string detail)
    {
        try
        {
            return (true, JsonNode.Parse(detail)?["stimulus"] is JsonObject s ? (s["taskId"] ?? s["timerId"])?.GetValue<string>() : null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (false, null);
        }
    }
}
