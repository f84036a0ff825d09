using System.Security.Claims;
using CloudApproval.Cases;
using CloudApproval.Cases.Applications;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Applications;

/// <summary><c>/api/my/applications</c>: the caller's applications, newest first, keyset-paged like <c>/api/cases</c>.</summary>
public static class MyApplicationsApi
{
    public static RouteGroupBuilder MapMyApplicationsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/my/applications", ListAsync).WithTags("Applications").RequireAuthorization(Policies.Applicants)
            .WithSummary("The caller's applications, newest first: limit (1-200, default 50), after (the previous page's nextCursor), status (draft, submitted)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Ok<ApplicationPage>> ListAsync(ClaimsPrincipal user, ApplicationReader reader, CancellationToken ct,
        string? status = null, string? after = null, int limit = 50)
    {
        ApplicationStatus? parsed = status is null ? null
            : Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _) ? s
            : throw new CasesException("invalid-input", $"status: '{status}' is not an application status (draft, submitted)");
        return TypedResults.Ok(await reader.PageAsync(new ApplicationQuery { Status = parsed, After = after, Limit = limit }, user.ToActor(), ct));
    }
}
