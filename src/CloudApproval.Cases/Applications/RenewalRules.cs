using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// Who may apply to renew a licence (延续, Administrative Licensing Law art. 50): its holder, under the licence's own
/// matter, while it still holds and at least 30 days before its last day, once at a time. Checked when the draft names the
/// licence and again at submission, since days pass in between. Every refusal names the field <c>renews</c>.
/// </summary>
internal static class RenewalRules
{
    /// <summary>Art. 50: a renewal is applied for at least this many days before the licence's last day.</summary>
    public const int DaysBeforeExpiry = 30;

    public static async Task<Licence> RequireRenewableAsync(CasesDbContext db, string applicant, string matterCode, string number,
        string? applicationId, DateOnly today, CancellationToken ct)
    {
        Identity.Require(number, "renews");
        // Unknown numbers and other applicants' licences are refused alike, so numbers do not leak.
        var licence = await ApplicationLicences.OwnAsync(db, applicant, number, ct)
            ?? throw new CasesException("licence-not-yours", $"renews: no licence of yours has the number {number}");
        if (licence.MatterCode != matterCode)
            throw new CasesException("invalid-input", $"renews: licence {number} was issued for matter {licence.MatterCode ?? "(none)"}; a renewal is applied for under that matter, not {matterCode}");
        if (licence.Status == LicenceStatus.Revoked)
            throw new CasesException("licence-revoked", $"renews: licence {number} was revoked and cannot be renewed");
        if (licence.RenewedBy is { } successor)
            throw new CasesException("licence-renewed", $"renews: licence {number} was already renewed by licence {successor}");
        var until = licence.EffectiveUntil;
        if (licence.Status == LicenceStatus.Expired || until < today)
            throw new CasesException("licence-expired", $"renews: licence {number} expired on {until:yyyy-MM-dd}; apply for a new licence instead");
        var latest = until.AddDays(-DaysBeforeExpiry);
        if (today > latest)
            throw new CasesException("renewal-too-late",
                $"renews: licence {number} holds until {until:yyyy-MM-dd}; art. 50 asks for a renewal at least {DaysBeforeExpiry} days before, by {latest:yyyy-MM-dd}: apply for a new licence instead");
        if (await Pending(db, number, applicationId).AnyAsync(ct))
            throw new CasesException("renewal-pending", $"renews: a renewal of licence {number} is already being decided");
        return licence;
    }

    /// <summary>The submitted renewals of the licence whose case is still running (other than <paramref name="except"/>).</summary>
    public static IQueryable<Application> Pending(CasesDbContext db, string number, string? except = null) =>
        db.Applications.Where(a => a.RenewsLicence == number && a.Id != except && a.Status == ApplicationStatus.Submitted
            && db.Cases.Any(c => c.Id == a.CaseId && c.Status == CaseStatus.Running));
}
