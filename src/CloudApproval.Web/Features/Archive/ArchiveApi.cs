using System.Security.Claims;
using CloudApproval.Cases.Archive;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Archive;

/// <summary>The archive package (归档) of a closed case, for auditors.</summary>
public static class ArchiveApi
{
    public static RouteGroupBuilder MapArchiveApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cases/{id}/archive", DownloadAsync).WithTags("Audit").RequireAuthorization(Policies.Auditors)
            .WithSummary("Download a closed case's sealed archive package (zip: manifest.json, manifest.seal.json, case file, materials, notices, licences, audit chains)")
            .WithDescription("409 case-open while the case runs. Check a package with: cloudapproval archive verify <file.zip>.");
        return api;
    }

    private static async Task<FileStreamHttpResult> DownloadAsync(string id, ClaimsPrincipal user, CaseArchives archives, HttpContext http, CancellationToken ct)
    {
        var package = await archives.GetAsync(id, user.ToActor(), ct);
        // The hash lets a recipient check the download against what the server stored before opening it.
        http.Response.Headers["X-Archive-SHA256"] = package.Sha256;
        return TypedResults.File(package.Open(), "application/zip", package.FileName);
    }
}
