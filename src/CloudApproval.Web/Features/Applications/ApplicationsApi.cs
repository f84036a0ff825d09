using System.Security.Claims;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applications;
using CloudApproval.Web.Features.Cases;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Applications;

/// <summary>
/// <c>/api/applications</c>: online application (网上申报). An applicant drafts an application for a matter, uploads its
/// materials, and submits it, which starts the case and answers with the receipt (收件回执). Applicants only, and only
/// their own: anyone else's application is a 404.
/// </summary>
public static class ApplicationsApi
{
    public static RouteGroupBuilder MapApplicationsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/applications").WithTags("Applications").RequireAuthorization(Policies.Applicants);
        group.MapPost("/", CreateAsync).WithSummary("Draft an application for a catalogued matter, with the applicant's form data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithSummary("The caller's applications, newest first");
        group.MapGet("/{id}", GetAsync).WithSummary("One of the caller's applications: data, materials with hashes, case and receipt once submitted")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}/particulars", UpdateParticularsAsync)
            .WithSummary("Replace a draft's particulars, checked against the matter's form (each problem names particulars.<key>); a submitted application is a 409")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/materials", MaterialsAsync).WithSummary("The materials uploaded so far")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/materials/{materialCode}", MaterialUpload.UploadAsync)
            .WithMetadata(new UploadBodyLimit(MaterialUpload.CeilingBytes))
            .WithSummary("Upload the file of one material (multipart/form-data, one file part); its type is checked by content, its size by the matter")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{id}/materials/{materialCode}", DownloadAsync).WithSummary("Download a material's file, always as an attachment")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", WithdrawAsync).WithSummary("Withdraw (delete) a draft with its materials; a submitted application is a 409")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}/materials/{materialCode}/licence", AttachLicenceAsync)
            .WithSummary("Give a material by an e-licence the caller holds (材料免提交): one of the type the matter names, valid, not revoked")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/submit", SubmitAsync)
            .WithSummary("Submit: materials checked (容缺, 告知承诺), the case started in the matter's department; answers the case id and the receipt")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    /// <summary>An application to draft.</summary>
    /// <param name="Matter">The matter's code in the catalogue, e.g. food-business-licence.</param>
    /// <param name="Data">The applicant's form data (a JSON object); handed to the case under <c>input.application.data</c>.</param>
    /// <param name="Renews">The number of a licence of the matter the applicant holds and asks to renew (art. 50: at least 30 days before it ends).</param>
    public sealed record CreateApplicationRequest(string Matter, JsonObject? Data = null, string? Renews = null);

    /// <summary>A draft's particulars.</summary>
    /// <param name="Data">Every particular (a JSON object by field key); replaces the draft's data as a whole.</param>
    public sealed record ParticularsRequest(JsonObject Data);

    /// <summary>A submission.</summary>
    /// <param name="Commitment">Whether the applicant signs a commitment (告知承诺) in place of the proofs it may replace.</param>
    public sealed record SubmitApplicationRequest(bool Commitment);

    /// <summary>An e-licence standing for a material.</summary>
    /// <param name="Number">The licence's number, as printed on it.</param>
    public sealed record AttachLicenceRequest(string Number);

    /// <summary>The case started and the receipt.</summary>
    public sealed record SubmissionView(string CaseId, Receipt Receipt);

    private static async Task<Created<ApplicationView>> CreateAsync(CreateApplicationRequest request, ClaimsPrincipal user, ApplicationDrafts drafts, CancellationToken ct)
    {
        var view = await drafts.CreateAsync(request.Matter, request.Data, user.ToActor(), request.Renews, ct);
        return TypedResults.Created($"/api/applications/{view.Id}", view);
    }

    private static async Task<Ok<ApplicationView>> UpdateParticularsAsync(string id, ParticularsRequest request, ClaimsPrincipal user, ApplicationDrafts drafts, CancellationToken ct) =>
        TypedResults.Ok(await drafts.UpdateParticularsAsync(id, request.Data, user.ToActor(), ct));

    private static async Task<NoContent> WithdrawAsync(string id, ClaimsPrincipal user, ApplicationDrafts drafts, CancellationToken ct)
    {
        await drafts.WithdrawAsync(id, user.ToActor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ELicenceMaterialView>> AttachLicenceAsync(string id, string materialCode, AttachLicenceRequest request, ClaimsPrincipal user,
        ApplicationLicences licences, CancellationToken ct) =>
        TypedResults.Ok(await licences.AttachAsync(id, materialCode, request.Number, user.ToActor(), ct));

    private static async Task<Ok<IReadOnlyList<ApplicationSummary>>> ListAsync(ClaimsPrincipal user, ApplicationReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.ListAsync(user.ToActor(), ct));

    private static async Task<Ok<ApplicationView>> GetAsync(string id, ClaimsPrincipal user, ApplicationReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.GetAsync(id, user.ToActor(), ct));

    private static async Task<Ok<IReadOnlyList<MaterialView>>> MaterialsAsync(string id, ClaimsPrincipal user, ApplicationReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.MaterialsAsync(id, user.ToActor(), ct));

    /// <summary>
    /// Always an attachment, with the type recognised at upload and nosniff (set for every response): an uploaded file is
    /// never rendered in the site's origin.
    /// </summary>
    private static async Task<FileStreamHttpResult> DownloadAsync(string id, string materialCode, ClaimsPrincipal user, ApplicationReader reader, CancellationToken ct)
    {
        var file = await reader.OpenMaterialAsync(id, materialCode, user.ToActor(), ct);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<Results<Created<SubmissionView>, ProblemHttpResult>> SubmitAsync(
        string id, SubmitApplicationRequest request, ClaimsPrincipal user, SubmitApplication submit, CancellationToken ct)
    {
        var submission = await submit.RunAsync(id, request.Commitment, user.ToActor(), ct);
        return submission.Outcome.Faulted
            ? CaseOutcomeView.FaultedProblem(submission.Outcome)
            : TypedResults.Created($"/api/cases/{submission.Outcome.CaseId}", new SubmissionView(submission.Outcome.CaseId, submission.Receipt));
    }
}
