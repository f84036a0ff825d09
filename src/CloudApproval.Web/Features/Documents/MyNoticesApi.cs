using System.Security.Claims;
using CloudApproval.Cases.Documents;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Documents;

/// <summary>
/// <c>/api/my/notices</c>: the notices served to the signed-in applicant (送达), with their documents; opening one records
/// the read receipt once. Applicants only, and only their own: anyone else's notice is a 404.
/// </summary>
public static class MyNoticesApi
{
    public static RouteGroupBuilder MapMyNoticesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/my/notices").WithTags("Documents").RequireAuthorization(Policies.Applicants);
        group.MapGet("/", ListAsync).WithSummary("The caller's notices, newest first: type, case, issued, delivered and read times, service method, document");
        group.MapGet("/{id:long}", OpenAsync).WithSummary("Open one notice: the first opening after its document is issued records the read time")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<MyNoticeView>>> ListAsync(ClaimsPrincipal user, MyNotices notices, CancellationToken ct) =>
        TypedResults.Ok(await notices.ListAsync(user.ToActor(), ct));

    private static async Task<Ok<MyNoticeView>> OpenAsync(long id, ClaimsPrincipal user, MyNotices notices, CancellationToken ct) =>
        TypedResults.Ok(await notices.OpenAsync(id, user.ToActor(), ct));
}
