using System.Security.Claims;
using CloudApproval.Cases.Applications;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Cases;

/// <summary>
/// <c>/api/cases/{id}/materials</c>: the files an applicant handed in, for everyone who may read the case (the clerk
/// reviewing it, the auditor). A download is an attachment unless a PDF or an image is asked to be shown inline (its
/// type was recognised from its content at upload, so nothing else is ever rendered by the browser).
/// </summary>
public static class CaseMaterialsApi
{
    private static readonly string[] Previewable = ["pdf", "png", "jpg"];

    public static RouteGroupBuilder MapCaseMaterialsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cases/{id}/materials", ListAsync).WithTags("Cases").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("The materials handed in for a case applied for online: every version (current and replaced by a correction), with hashes")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/cases/{id}/materials/{materialCode}", DownloadAsync).WithTags("Cases").RequireAuthorization(Policies.CaseReaders)
            .WithSummary("One material's file (?version=N, default the current one); ?inline=true shows a PDF or image in the browser")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<HandedInMaterial>>> ListAsync(string id, ClaimsPrincipal user, CaseMaterials materials, CancellationToken ct) =>
        TypedResults.Ok(await materials.ListAsync(id, user.ToActor(), ct));

    private static async Task<FileStreamHttpResult> DownloadAsync(string id, string materialCode, ClaimsPrincipal user, CaseMaterials materials,
        CancellationToken ct, int? version = null, bool inline = false)
    {
        var file = await materials.OpenAsync(id, materialCode, version, user.ToActor(), ct);
        // No file name for an inline file: the browser then shows it rather than saving it.
        return inline && file.FileType is { } type && Previewable.Contains(type)
            ? TypedResults.File(file.Content, file.ContentType)
            : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
