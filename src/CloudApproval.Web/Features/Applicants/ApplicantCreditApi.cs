using System.Security.Claims;
using CloudApproval.Cases.Applicants;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Applicants;

/// <summary>
/// <c>PUT /api/applicants/{userName}/credit</c>: an administrator records the credit flags from the credit record
/// (信用信息平台). They bar 告知承诺 when the applicant chooses it; the applicant cannot set them.
/// </summary>
public static class ApplicantCreditApi
{
    /// <summary>The flags as the credit record states them.</summary>
    /// <param name="SeriousBadCredit">Listed for serious bad credit (严重失信主体名单).</param>
    /// <param name="FalseCommitment">Made a false commitment before (虚假承诺).</param>
    public sealed record CreditInput(bool SeriousBadCredit, bool FalseCommitment);

    public static RouteGroupBuilder MapApplicantCreditApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPut("/applicants/{userName}/credit", RecordAsync).WithTags("Profile").RequireAuthorization(Policies.Admins)
            .WithSummary("Record an applicant's credit flags (serious bad credit, earlier false commitment): they bar 告知承诺")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<ApplicantProfileView>> RecordAsync(string userName, CreditInput input, ClaimsPrincipal user, ApplicantProfiles profiles, CancellationToken ct) =>
        TypedResults.Ok(await profiles.RecordCreditAsync(userName, input.SeriousBadCredit, input.FalseCommitment, user.ToActor(), ct));
}
