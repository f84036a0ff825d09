using System.Security.Claims;
using CloudApproval.Cases.Applicants;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Profile;

/// <summary><c>/api/my/profile</c>: the signed-in applicant's own profile (who they apply as, real name, 电子送达 consent).</summary>
public static class ProfileApi
{
    public static RouteGroupBuilder MapProfileApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/my/profile").WithTags("Profile").RequireAuthorization(Policies.Applicants);
        group.MapGet("/", GetAsync).WithSummary("The caller's applicant profile; 404 before the first save")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", SaveAsync)
            .WithSummary("Create or replace the caller's profile: codes checked (GB 32100 / GB 11643), real name verified, consent recorded")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<ApplicantProfileView>> GetAsync(ClaimsPrincipal user, ApplicantProfiles profiles, CancellationToken ct) =>
        TypedResults.Ok(await profiles.GetAsync(user.ToActor(), ct));

    private static async Task<Ok<ApplicantProfileView>> SaveAsync(ProfileInput input, ClaimsPrincipal user, ApplicantProfiles profiles, CancellationToken ct) =>
        TypedResults.Ok(await profiles.SaveAsync(input, user.ToActor(), ct));
}
