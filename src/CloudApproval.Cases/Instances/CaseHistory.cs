using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Instances;

/// <summary>A case with its audit entries (each carrying the engine's journal of that step), tasks, notices and licences.</summary>
public sealed class CaseHistory(CasesDbFactory factory)
{
    public async Task<CaseFile> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken)
            ?? throw new CasesException("unknown-case", $"no case {caseId}");
        var ids = await db.Cases.AsNoTracking().Where(x => x.ParentCaseId == caseId).Select(x => x.Id).ToListAsync(cancellationToken);
        ids.Add(caseId);
        var audit = await db.AuditEntries.AsNoTracking().Where(e => ids.Contains(e.CaseId)).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.CaseId)).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var notices = await db.Notices.AsNoTracking().Where(n => n.CaseId == caseId).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var licences = await db.Licences.AsNoTracking().Where(l => l.CaseId == caseId).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        return new CaseFile(c, audit, tasks, notices, licences);
    }

    public async Task<IReadOnlyList<Case>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.Cases.AsNoTracking().Where(c => c.ParentCaseId == null).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(limit).ToListAsync(cancellationToken);
    }
}

/// <summary>Everything about one case.</summary>
public sealed record CaseFile(Case Case, IReadOnlyList<AuditEntry> Audit, IReadOnlyList<WorkTask> Tasks, IReadOnlyList<Notice> Notices, IReadOnlyList<Licence> Licences)
{
    /// <summary>
    /// The engine's journal lines of one audit entry. A detail that is not the JSON the application wrote (edited
    /// behind its back) yields one line saying so, naming the case and the entry, instead of failing the whole history.
    /// </summary>
    public static IReadOnlyList<string> JournalOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            return JsonNode.Parse(entry.Detail)?["journal"] is JsonArray journal ? [.. journal.Select(j => j?.GetValue<string>() ?? "")] : [];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return [$"FINDING: case {entry.CaseId}, audit entry {entry.Sequence} (row #{entry.Id}): its detail is not valid JSON; run audit verify {entry.CaseId}"];
        }
    }
}
