using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Audit;

/// <summary>Recomputes a case's chain and reports the first broken link: an edited, deleted, inserted or truncated entry.</summary>
public sealed class AuditVerifier(CasesDbFactory factory)
{
    public async Task<AuditVerification> VerifyAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var head = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.AuditCount, c.AuditHead })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new CasesException("unknown-case", $"no case {caseId}");
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var previous = AuditChain.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i + 1)
                return new AuditVerification(caseId, entries.Count, i + 1, $"entry {i + 1} is missing (found sequence {e.Sequence} in its place)");
            if (e.PreviousHash != previous)
                return new AuditVerification(caseId, entries.Count, e.Sequence, $"entry {e.Sequence} does not link to entry {e.Sequence - 1} (previous hash differs)");
            var hash = AuditChain.HashOf(e);
            if (hash != e.Hash)
                return new AuditVerification(caseId, entries.Count, e.Sequence, $"entry {e.Sequence} ({e.Action} by {e.Actor}) was altered: its content no longer matches its hash");
            previous = e.Hash;
        }
        if (entries.Count != head.AuditCount || previous != (head.AuditCount == 0 ? AuditChain.Genesis : head.AuditHead))
            return new AuditVerification(caseId, entries.Count, entries.Count + 1,
                $"the chain ends at entry {entries.Count} but the case records {head.AuditCount} entries: entries were removed");
        return new AuditVerification(caseId, entries.Count, null, null);
    }

    public async Task<IReadOnlyList<AuditVerification>> VerifyAllAsync(CancellationToken cancellationToken = default)
    {
        List<string> ids;
        await using (var db = factory.CreateDbContext())
            ids = await db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var results = new List<AuditVerification>(ids.Count);
        foreach (var id in ids) results.Add(await VerifyAsync(id, cancellationToken));
        return results;
    }
}

/// <summary>The result of verifying one case's chain.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Entries">Entries found.</param>
/// <param name="BrokenAt">Sequence of the first broken link, or null when the chain is intact.</param>
/// <param name="Reason">What is wrong there.</param>
public sealed record AuditVerification(string CaseId, int Entries, long? BrokenAt, string? Reason)
{
    public bool Intact => BrokenAt is null;
}
