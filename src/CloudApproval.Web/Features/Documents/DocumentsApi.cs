using System.Security.Claims;
using CloudApproval.Cases.Documents;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Documents;

/// <summary>
/// <c>/api/documents</c>: issued official documents (文书), sealed with the department's e-seal. Readable by the case's
/// applicant (documents addressed to them), staff who may read the case, auditors and admins; a 404 to anyone else.
/// </summary>
public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/documents").WithTags("Documents").RequireAuthorization(Policies.CaseReaders);
        group.MapGet("/{id}", DownloadAsync).WithSummary("Download a document (PDF, or self-contained HTML where no CJK font was installed), always as an attachment")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/verify", VerifyAsync)
            .WithSummary("Re-read the stored document, recompute SM3 and check the SM2 seal against the department's own key")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<FileStreamHttpResult> DownloadAsync(string id, ClaimsPrincipal user, DocumentReader reader, CancellationToken ct)
    {
        var file = await reader.OpenAsync(id, user.ToActor(), ct);
        return TypedResults.File(file.Content, file.MediaType, file.FileName);
    }

    private static async Task<Ok<DocumentVerification>> VerifyAsync(string id, ClaimsPrincipal user, DocumentReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.VerifyAsync(id, user.ToActor(), ct));
}
