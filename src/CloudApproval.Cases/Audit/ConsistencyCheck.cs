using System.Text.Json.Nodes;
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
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        await using var db = factory.CreateDbContext();
        var cases = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.StateJson }).ToListAsync(cancellationToken);
        var tasks = (await db.Tasks.AsNoTracking().Select(t => new { t.CaseId, t.LocalId, t.Status }).ToListAsync(cancellationToken))
            .ToLookup(t => t.CaseId);
        var timers = (await db.Timers.AsNoTracking().Select(t => new { t.CaseId, t.LocalId, t.Status }).ToListAsync(cancellationToken))
            .ToLookup(t => t.CaseId);
        var audit = (await db.AuditEntries.AsNoTracking().Where(e => e.Action == "task-completed" || e.Action == "timer-fired")
            .Select(e => new { e.CaseId, e.Detail }).ToListAsync(cancellationToken)).ToLookup(e => e.CaseId);
        foreach (var c in cases)
        {
            if (c.StateJson.Length == 0)
            {
                problems.Add($"{c.Id}: case row without engine state");
                continue;
            }
            var state = InstanceState.FromJson(c.StateJson);
            var taskRows = tasks[c.Id].ToDictionary(t => t.LocalId);
            foreach (var t in state.Tasks)
            {
                if (!taskRows.TryGetValue(t.Id, out var row)) problems.Add($"{c.Id}: task {t.Id} is in the state but has no row");
                else if ((t.Status == HumanTaskStatus.Open) != (row.Status is WorkTaskStatus.Open or WorkTaskStatus.Claimed))
                    problems.Add($"{c.Id}: task {t.Id} is {t.Status} in the state but {row.Status} in its row");
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
            var applied = audit[c.Id]
                .Select(e => JsonNode.Parse(e.Detail)?["stimulus"] is JsonObject s ? (string?)(s["taskId"] ?? s["timerId"])?.GetValue<string>() : null)
                .Where(id => id is not null)
                .GroupBy(id => id)
                .Where(g => g.Count() > 1);
            foreach (var twice in applied) problems.Add($"{c.Id}: {twice.Key} was applied {twice.Count()} times");
        }
        return problems;
    }
}
