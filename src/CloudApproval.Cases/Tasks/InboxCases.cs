using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tasks;

/// <summary>What an inbox shows of a task's case: its root (the case number), applicant, matter and legal clock.</summary>
internal sealed record InboxCase(string RootCaseId, string? Applicant, TaskCaseContext Context);

/// <summary>
/// The cases of a page of tasks, in two queries whatever the page's length: the case rows of the tasks' trees (projected
/// columns only, never the state: the ProjectLegalClock migration projected the rows written before the clock columns), and the matters.
/// </summary>
internal static class InboxCases
{
    public static async Task<Dictionary<string, InboxCase>> OfAsync(CasesDbContext db, List<string> caseIds, CancellationToken ct)
    {
        if (caseIds.Count == 0) return [];
        // Every case of the tasks' trees: the clock is in the root's state or a sub-procedure's (the first started, as
        // the case file takes it).
        var roots = db.Cases.Where(p => caseIds.Contains(p.Id)).Select(p => p.RootCaseId);
        var rows = await db.Cases.AsNoTracking().Where(c => roots.Contains(c.RootCaseId))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.RootCaseId, c.Applicant, c.LegalClock, c.ClockExtended })
            .ToListAsync(ct);
        var rootIds = rows.Select(c => c.RootCaseId).Distinct().ToList();
        var matters = await db.Applications.AsNoTracking().Where(a => a.CaseId != null && rootIds.Contains(a.CaseId))
            .Join(db.Matters, a => a.MatterCode, m => m.Code, (a, m) => new { CaseId = a.CaseId!, m.Code, m.NameZh, m.NameEn })
            .ToDictionaryAsync(m => m.CaseId, ct);
        var contexts = new Dictionary<string, TaskCaseContext>(StringComparer.Ordinal);
        foreach (var root in rootIds)
        {
            var clock = rows.FirstOrDefault(c => c.RootCaseId == root && c.LegalClock is not null);
            var matter = matters.GetValueOrDefault(root);
            contexts[root] = new TaskCaseContext(matter?.Code, matter is null ? null : new Matters.MatterName(matter.NameZh, matter.NameEn),
                clock?.LegalClock, clock?.ClockExtended ?? false);
        }
        var wanted = caseIds.ToHashSet(StringComparer.Ordinal);
        return rows.Where(c => wanted.Contains(c.Id))
            .ToDictionary(c => c.Id, c => new InboxCase(c.RootCaseId, c.Applicant, contexts[c.RootCaseId]), StringComparer.Ordinal);
    }
}
