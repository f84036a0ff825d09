using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// What the holder is told about their licence (renewal reminder, expiry, extension, revocation): a notice row of the
/// licence's case, for the notice documents to render and deliver like every other.
/// </summary>
public static class LicenceNotices
{
    /// <summary>The activity id notices of a licence's life carry (they come from no activity of the procedure).</summary>
    public const string Activity = "licence";

    public const string RenewalReminder = "licence-renewal-reminder";
    public const string Expired = "licence-expired";
    public const string Extended = "licence-extended";
    public const string Revoked = "licence-revoked";
    public const string DeemedRenewed = "licence-deemed-renewed";

    /// <summary>Every notice a licence's life sends: each is also the template that renders it, which must exist.</summary>
    public static readonly IReadOnlyList<string> Types = [RenewalReminder, Expired, Extended, Revoked, DeemedRenewed];

    internal static Notice Send(CasesDbContext db, Licence licence, string noticeType, DateTime now, JsonObject data)
    {
        data["licence"] = licence.Number;
        var notice = new Notice
        {
            CaseId = licence.CaseId,
            ActivityId = Activity,
            NoticeType = noticeType,
            Template = noticeType,
            Recipient = licence.Holder ?? "applicant",
            DataJson = data.ToJsonString(),
            CreatedAt = now,
        };
        db.Notices.Add(notice);
        return notice;
    }
}
