using System.Security.Claims;
using CloudApproval.Cases.Applications;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Signatures;

/// <summary><c>/api/cases/{id}/application/verify</c>: the applicant's e-signatures on a case's application, checked again now.</summary>
public static class SignaturesApi
{
    public static RouteGroupBuilder MapSignaturesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cases/{id}/application/verify", VerifyAsync).WithTags("Cases").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("Verify the applicant's signatures (SM2 over SM3): the application re-derived from the stored rows, every file re-hashed; names each failure")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<SignatureReport>> VerifyAsync(string id, ClaimsPrincipal user, VerifyApplication verify, CancellationToken ct) =>
        TypedResults.Ok(await verify.RunAsync(id, user.ToActor(), ct));
}
