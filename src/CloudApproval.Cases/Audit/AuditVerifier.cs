using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// Recomputes a case's chain and reports the first broken link (an edited, deleted, inserted or truncated entry); then
/// recomputes the digest of the case's live rows and compares it with the one the last entry committed to (an edited
/// state, status, task, timer, notice or licence, or a row added or deleted).
/// </summary>
public sealed class AuditVerifier(CasesDbFactory factory)
{
    public async Task<AuditVerification> VerifyAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        // The case row, its entries and its rows from one state: a commit between the queries is not a broken chain.
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var head = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.AuditCount, c.AuditHead, c.RowDigests })
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
        if (entries.Count == 0) return new AuditVerification(caseId, 0, null, null);

        var last = entries[^1];
        if (last.StateDigest.Length == 0)
            return new AuditVerification(caseId, entries.Count, null, null, "rows not covered: its last entry predates row digests");
        var rows = await CaseRows.LoadAsync(db, caseId, cancellationToken);
        var live = new CaseDigest();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (key, digest) = RowDigest.Of(row)!.Value;
            labels[live.Add(key, digest)] = Label(row);
        }
        if (ContentHash.Of(live.ToText()) == last.StateDigest) return new AuditVerification(caseId, entries.Count, null, null);
        return new AuditVerification(caseId, entries.Count, last.Sequence,
            $"the case's rows differ from what entry {last.Sequence} committed to: {Differences(live, head.RowDigests, last.StateDigest, labels)}");
    }

    /// <summary>Every case's chain and rows: for auditors and admins.</summary>
    public async Task<IReadOnlyList<AuditVerification>> VerifyAllAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("verify every case's audit chain", ActorRoles.Auditor, ActorRoles.Admin);
        List<string> ids;
        await using (var db = factory.CreateDbContext())
            ids = await db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var results = new List<AuditVerification>(ids.Count);
        foreach (var id in ids) results.Add(await VerifyAsync(id, cancellationToken));
        return results;
    }

    /// <summary>Every stored definition version whose text no longer has the content hash recorded at import.</summary>
    public async Task<IReadOnlyList<string>> VerifyDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var versions = await db.ProcedureVersions.AsNoTracking().OrderBy(v => v.DefinitionId).ThenBy(v => v.Version).ToListAsync(cancellationToken);
        return [.. versions.Select(ContentHash.Mismatch).OfType<string>()];
    }

    /// <summary>
    /// Names the rows that differ. The case row keeps a copy of the committed map; when that copy still hashes to the
    /// committed digest it is authentic, and the rows can be compared one by one. When it was altered too, only the
    /// fact remains.
    /// </summary>
    private static string Differences(CaseDigest live, string storedMap, string committed, Dictionary<string, string> labels)
    {
        if (ContentHash.Of(storedMap) != committed || CaseDigest.TryParse(storedMap) is not { } expected)
            return "the digest copy on the case row was altered as well, so the changed rows cannot be named";
        var found = new List<string>();
        foreach (var (key, digest) in live.Rows)
        {
            var was = expected.Get(key);
            if (was == digest) continue;
            found.Add(was is null ? $"{labels[key]} is not in the chain" : $"{labels[key]} was changed");
        }
        found.AddRange(expected.Rows.Keys.Where(k => live.Get(k) is null).Select(k => $"{Name(k)} is missing"));
        return string.Join("; ", found);
    }

    private static string Label(object row) => row switch
    {
        Case => "the case row (state, status, outcome)",
        WorkTask t => $"task {t.LocalId} (#{t.Id}, {t.ActivityId})",
        CaseTimer t => $"timer {t.LocalId} (#{t.Id}, {t.ActivityId})",
        Notice n => $"notice #{n.Id} ({n.NoticeType} to {n.Recipient})",
        Licence l => $"licence {l.Number}",
        _ => row.GetType().Name,
    };

    private static string Name(string key) =>
        key.StartsWith("notice:", StringComparison.Ordinal) ? "a notice the chain committed to" : key.Replace(':', ' ') + " row";
}

/// <summary>The result of verifying one case's chain and rows.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Entries">Entries found.</param>
/// <param name="BrokenAt">Sequence of the first broken link (or of the last entry, when the live rows differ from it), or null when intact.</param>
/// <param name="Reason">What is wrong there.</param>
/// <param name="Note">What could not be checked on an intact case.</param>
public sealed record AuditVerification(string CaseId, int Entries, long? BrokenAt, string? Reason, string? Note = null)
{
    public bool Intact => BrokenAt is null;
}
