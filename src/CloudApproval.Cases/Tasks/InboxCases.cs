using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tasks;

/// <summary>What an inbox shows of a task's case: its root (the case number), applicant, matter and legal clock.</summary>
internal sealed record InboxCase(string RootCaseId, string? Applicant, TaskCaseContext Context);

/// <summary>
/// The cases of a page of tasks, in two queries whatever the page's length: the case rows of the tasks' trees (projected
/// columns only, never the state, except of a case not changed since the clock columns were added), and the matters.
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
            .Select(c => new { c.Id, c.RootCaseId, c.Applicant, c.LegalClock, c.ClockExtended, Unprojected = c.LegalClock == null && c.StateJson.Contains("\"clock\":{") })
            .ToListAsync(ct);
        var rootIds = rows.Select(c => c.RootCaseId).Distinct().ToList();
        var matters = await db.Applications.AsNoTracking().Where(a => a.CaseId != null && rootIds.Contains(a.CaseId))
            .Join(db.Matters, a => a.MatterCode, m => m.Code, (a, m) => new { CaseId = a.CaseId!, m.Code, m.NameZh, m.NameEn })
            .ToDictionaryAsync(m => m.CaseId, ct);
        // A case not changed since the clock columns were added (and that has a clock in its state) is read the old way.
        var unprojected = rows.Where(c => c.Unprojected).Select(c => c.Id).ToList();
        var parsed = unprojected.Count == 0
            ? []
            : (await db.Cases.AsNoTracking().Where(c => unprojected.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.Id, ClockOf, StringComparer.Ordinal);
        var contexts = new Dictionary<string, TaskCaseContext>(StringComparer.Ordinal);
        foreach (var root in rootIds)
        {
            var clock = rows.Where(c => c.RootCaseId == root)
                .Select(c => c.LegalClock is { } status ? (status, c.ClockExtended)
                    : parsed.GetValueOrDefault(c.Id) is { } state ? (state.Status, state.ExtensionWorkingDays > 0)
                    : ((ClockStatus Status, bool Extended)?)null)
                .FirstOrDefault(k => k is not null);
            var matter = matters.GetValueOrDefault(root);
            contexts[root] = new TaskCaseContext(matter?.Code, matter is null ? null : new Matters.MatterName(matter.NameZh, matter.NameEn),
                clock?.Status, clock?.Extended ?? false);
        }
        var wanted = caseIds.ToHashSet(StringComparer.Ordinal);
        return rows.Where(c => wanted.Contains(c.Id))
            .ToDictionary(c => c.Id, c => new InboxCase(c.RootCaseId, c.Applicant, contexts[c.RootCaseId]), StringComparer.Ordinal);
    }

    /// <summary>A state edited behind the application's back shows no clock here; the case file names the finding.</summary>
    private static LegalClockState? ClockOf(Case c)
    {
        if (c.StateJson.Length == 0) return null;
        try
        {
            return Transition.ParseState(c).Clock;
        }
        catch (CasesException refused) when (refused.IsStoredDataAltered)
        {
            return null;
        }
    }
}
