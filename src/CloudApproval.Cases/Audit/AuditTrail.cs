using System.Text.Json.Nodes;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// A case's audit chain page by page, with the verification of the whole chain and rows, for auditors, admins and the
/// staff of the case's departments. Applicants read their case's timeline, not the chain's hashes.
/// </summary>
public sealed class AuditTrail(CasesDbFactory factory, AuditVerifier verifier)
{
    public const int MaxLimit = 1000;

    /// <param name="caseId">The case (or sub-procedure) whose chain to read.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="after">The sequence of the last entry of the previous page (0 for the first page).</param>
    /// <param name="limit">Entries per page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<AuditPage> PageAsync(string caseId, Actor actor, long after = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (limit is < 1 or > MaxLimit) throw new CasesException("invalid-input", $"limit must be between 1 and {MaxLimit}");
        if (after < 0) throw new CasesException("invalid-input", "after must be a sequence number (0 or more)");
        await using (var db = factory.CreateDbContext())
        {
            var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken) ?? throw CaseAccess.UnknownCase(caseId);
            await CaseAccess.RequireReadableAsync(db, c, actor, cancellationToken);
            if (!CaseAccess.ReadsAll(actor) && !CaseAccess.IsStaff(actor))
                throw new CasesException("forbidden", $"{actor.Id} may read case {caseId}'s timeline, but its audit chain only auditors, admins and its departments' staff");
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.CaseId == caseId && e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(limit + 1).ToListAsync(cancellationToken);
            var more = entries.Count > limit;
            if (more) entries.RemoveAt(entries.Count - 1);
            var views = entries.Select(e => new AuditEntryView(e.Sequence, e.At, e.Actor, e.Action, StoredJson.Parse(e.Detail), e.StateDigest, e.PreviousHash, e.Hash)).ToList();
            return new AuditPage(caseId, views, more ? entries[^1].Sequence : null, await verifier.VerifyAsync(caseId, cancellationToken));
        }
    }
}

/// <summary>One entry of a case's chain, its detail as JSON.</summary>
public sealed record AuditEntryView(long Sequence, DateTime At, string Actor, string Action, JsonNode? Detail, string StateDigest, string PreviousHash, string Hash);

/// <summary>One page of a chain, the sequence to continue after (null on the last page), and the verification of the whole chain.</summary>
public sealed record AuditPage(string CaseId, IReadOnlyList<AuditEntryView> Entries, long? NextAfter, AuditVerification Verification);
