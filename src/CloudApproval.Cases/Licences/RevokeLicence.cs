using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// Revokes a licence (arts. 69, 78-79): by the head of its issuing department, with a reason, or by the procedure's own
/// false-commitment path (the RevokeLicence activity). Status, date and reason on the row, the holder notified, the
/// renewal timers stopped, one audit entry on the case's chain, in one transaction: the public verification shows it at once.
/// </summary>
public sealed class RevokeLicence(CaseRuntime runtime, TimeProvider time)
{
    public const int MaxReasonLength = CasesDbContext.DefaultStringLength;

    public Task RunAsync(string number, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason)) throw new CasesException("invalid-input", "reason: a revocation states its reason");
        if (reason.Length > MaxReasonLength) throw new CasesException("invalid-input", $"reason: {reason.Length} characters; at most {MaxReasonLength}");
        return runtime.InTransactionAsync(actor, async (db, _, ct) =>
        {
            var licence = await db.Licences.SingleOrDefaultAsync(l => l.Number == number, ct);
            if (licence is null || !LicenceAccess.CanSee(actor, licence)) throw LicenceAccess.Unknown(number);
            if (licence.Department is null || !LicenceAccess.Governs(actor, licence.Department))
                throw new CasesException("forbidden", $"{actor.Id} may not revoke licence {number}: only the head of {licence.Department ?? "its issuing department"} may");
            if (licence.Status == LicenceStatus.Revoked)
                throw new CasesException("licence-revoked", $"licence {number} was already revoked on {licence.RevokedAt:yyyy-MM-dd}");
            var now = time.GetUtcNow().UtcDateTime;
            var c = await db.Cases.SingleAsync(x => x.Id == licence.CaseId, ct);
            var before = licence.Status;
            await RevokeAsync(db, licence, reason.Trim(), now, ct);
            c.RowVersion++;
            var detail = new JsonObject { ["licence"] = number, ["before"] = before.ToString(), ["reason"] = licence.RevocationReason };
            db.AuditEntries.Add(AuditChain.Append(c, actor.Recorded, "licence-revoked", detail.ToJsonString(), now));
            return true;
        }, cancellationToken);
    }

    /// <summary>Stages the revocation of a tracked licence: its columns, the holder's notice, its pending timers cancelled.</summary>
    internal static async Task RevokeAsync(CasesDbContext db, Licence licence, string reason, DateTime now, CancellationToken ct)
    {
        licence.Status = LicenceStatus.Revoked;
        licence.RevokedAt = now;
        licence.RevocationReason = reason;
        LicenceNotices.Send(db, licence, LicenceNotices.Revoked, now, new JsonObject { ["reason"] = reason });
        // Their jobs find them no longer pending; the reconcile deletes the jobs.
        await LicenceRenewal.CancelPendingAsync(db, licence.Number, now, ct);
    }
}
