using System.Security.Claims;
using CloudApproval.Cases.Collaboration;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Collaboration;

/// <summary>
/// Cross-department collaboration figures (measure 8) for the efficiency dashboard: how each department answers the
/// opinion requests it receives.
/// </summary>
public static class CollaborationApi
{
    public static RouteGroupBuilder MapCollaborationApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/collaboration/figures", FiguresAsync).WithTags("Collaboration").RequireAuthorization(Policies.Officials)
            .WithSummary("Per department, the opinion requests received from ?from= to ?to= (China dates, at most a year): open, answered, on time (%), deemed consents, escalations, median reply in working days. Clerks and heads: their departments; auditors and admins: all")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<DepartmentCollaboration>>> FiguresAsync(DateOnly from, DateOnly to, ClaimsPrincipal user,
        CollaborationFigures figures, CancellationToken ct) =>
        TypedResults.Ok(await figures.RunAsync(from, to, user.ToActor(), ct));
}
