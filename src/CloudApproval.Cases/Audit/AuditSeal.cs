using System.Text.Json.Nodes;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// The last step before a transaction commits: every case whose rows changed gets an audit entry (a sub-procedure
/// that sends a notice or issues a licence changes rows of its root case), each changed row's digest goes into its
/// case's digest map, and the case's new entries commit to that map, linked and hashed in sequence.
/// A row that was changed outside the application since the last entry is refused here, so a forged row is never
/// carried forward into a new entry by a legitimate transition.
/// </summary>
internal static class AuditSeal
{
    public static async Task SealAsync(CasesDbContext db, string actor, DateTime at, CancellationToken ct)
    {
        var changes = new Dictionary<string, List<EntityEntry>>(StringComparer.Ordinal);
        var cases = new Dictionary<string, Case>(StringComparer.Ordinal);
        var entries = new List<AuditEntry>();
        foreach (var tracked in db.ChangeTracker.Entries())
        {
            if (tracked.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (tracked.Entity is AuditEntry { Hash.Length: 0 } entry) entries.Add(entry);
            else if (RowDigest.OwnerOf(tracked.Entity) is { } owner)
            {
                if (!changes.TryGetValue(owner, out var rows)) changes[owner] = rows = [];
                rows.Add(tracked);
                if (tracked.Entity is Case c) cases[c.Id] = c;
            }
        }
        foreach (var owner in changes.Keys.Where(id => !entries.Any(e => e.CaseId == id)).ToList())
        {
            // Not among the changed rows (else it would have an entry), so not yet tracked as changed.
            var c = await db.Cases.FindAsync([owner], ct) ?? throw new InvalidOperationException($"rows of case {owner} changed, but the case is missing");
            var detail = new JsonObject { ["rows"] = new JsonArray([.. changes[owner].Select(r => (JsonNode?)RowDigest.Of(r.Entity)!.Value.Key)]) };
            var entry = AuditChain.Append(c, actor, "rows-changed", detail.ToJsonString(), at);
            db.AuditEntries.Add(entry);
            entries.Add(entry);
            c.RowVersion++;
            cases[owner] = c;
            changes[owner].Add(db.Entry(c));
        }
        foreach (var group in entries.GroupBy(e => e.CaseId))
        {
            var c = cases.GetValueOrDefault(group.Key)
                ?? throw new InvalidOperationException($"audit entry staged for case {group.Key}, which this transaction does not track");
            var map = await CurrentMapAsync(db, c, ct);
            foreach (var row in changes.GetValueOrDefault(c.Id) ?? []) Apply(map, row, c.Id);
            c.RowDigests = map.ToText();
            var stateDigest = ContentHash.Of(c.RowDigests);
            var ordered = group.OrderBy(e => e.Sequence).ToList();
            var previous = ordered[0].Sequence == 1 ? AuditChain.Genesis : c.AuditHead;
            foreach (var entry in ordered)
            {
                entry.StateDigest = stateDigest;
                entry.PreviousHash = previous;
                entry.Hash = previous = AuditChain.HashOf(entry);
            }
            c.AuditHead = previous;
        }
    }

    /// <summary>The map the last entry committed to; rebuilt from the rows for a case whose entries predate row digests.</summary>
    private static async Task<CaseDigest> CurrentMapAsync(CasesDbContext db, Case c, CancellationToken ct)
    {
        if (c.RowDigests.Length == 0 && db.Entry(c).State != EntityState.Added) return CaseDigest.Of(await CaseRows.LoadAsync(db, c.Id, ct));
        return CaseDigest.TryParse(c.RowDigests) ?? throw Altered(c.Id, "digest map");
    }

    private static CasesException Altered(string caseId, string what) => new(CasesException.AlteredRow,
        $"case {caseId}: its {what} was changed outside the application since its last audit entry; nothing was done (run: audit verify {caseId})");

    private static void Apply(CaseDigest map, EntityEntry row, string caseId)
    {
        if (row.State is EntityState.Modified or EntityState.Deleted)
        {
            // What the database held before this transaction must be what the chain last committed to.
            var (key, digest) = RowDigest.Of(row.OriginalValues.ToObject())!.Value;
            if (map.Get(key) != digest) throw Altered(caseId, key + " row");
            map.Remove(key);
        }
        if (row.State != EntityState.Deleted)
        {
            var (key, digest) = RowDigest.Of(row.Entity)!.Value;
            map.Add(key, digest);
        }
    }
}
