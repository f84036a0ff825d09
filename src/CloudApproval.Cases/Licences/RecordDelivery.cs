using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// A clerk or head of the issuing department records that a licence reached a holder who did not consent to electronic
/// service (handed over at the counter, by post): when and how, once, with an audit entry on the case's chain.
/// </summary>
public sealed class RecordDelivery(CaseRuntime runtime, TimeProvider time)
{
    public static IReadOnlyList<string> Methods { get; } = ["counter", "post", "e-service"];

    public Task RunAsync(string number, string method, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Methods.Contains(method)) throw new CasesException("invalid-input", $"method: '{method}' is not one of {string.Join(", ", Methods)}");
        return runtime.InTransactionAsync(actor, async (db, _, ct) =>
        {
            var licence = await db.Licences.SingleOrDefaultAsync(l => l.Number == number, ct);
            if (licence is null || !LicenceAccess.CanSee(actor, licence)) throw LicenceAccess.Unknown(number);
            if (!actor.IsTrusted && !(Access.CaseAccess.IsStaff(actor) && licence.Department is { } d && actor.InDepartment(d)))
                throw new CasesException("forbidden", $"{actor.Id} may not record the delivery of licence {number}: only staff of {licence.Department} may");
            if (licence.DeliveredAt is { } at) throw new CasesException("licence-delivered", $"licence {number} was delivered on {at:yyyy-MM-dd} ({licence.DeliveredBy})");
            var now = time.GetUtcNow().UtcDateTime;
            licence.DeliveredAt = now;
            licence.DeliveredBy = $"{method}:{actor.Recorded}";
            if (await db.DeliveryAlerts.SingleOrDefaultAsync(a => a.LicenceNumber == number && a.ResolvedAt == null, ct) is { } alert) alert.ResolvedAt = now;
            var c = await db.Cases.SingleAsync(x => x.Id == licence.CaseId, ct);
            c.RowVersion++;
            var detail = new JsonObject { ["licence"] = number, ["method"] = method };
            db.AuditEntries.Add(AuditChain.Append(c, actor.Recorded, "licence-delivered", detail.ToJsonString(), now));
            return true;
        }, cancellationToken);
    }
}
