using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Audit;

/// <summary>Every row of one case as the database holds it now (not as a context tracks it): what the digests are recomputed from.</summary>
internal static class CaseRows
{
    public static async Task<List<object>> LoadAsync(CasesDbContext db, string caseId, CancellationToken ct)
    {
        var rows = new List<object>();
        if (await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct) is { } c) rows.Add(c);
        rows.AddRange(await db.Tasks.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.Id).ToListAsync(ct));
        rows.AddRange(await db.Timers.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.Id).ToListAsync(ct));
        rows.AddRange(await db.Notices.AsNoTracking().Where(n => n.CaseId == caseId).OrderBy(n => n.Id).ToListAsync(ct));
        rows.AddRange(await db.Licences.AsNoTracking().Where(l => l.CaseId == caseId).OrderBy(l => l.Id).ToListAsync(ct));
        rows.AddRange(await db.AssistanceRequests.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Id).ToListAsync(ct));
        return rows;
    }
}
