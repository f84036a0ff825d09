using System.Security.Claims;
using CloudApproval.Cases.Applications;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Corrections;

/// <summary>
/// Corrections (补正, art. 32) of applications made online: the clerk requests them from the pre-review task with every
/// item in one notice; the applicant reads the open requests and answers with new versions of the materials asked for
/// (uploaded first through the materials endpoint), which sends <c>correction-submitted</c> to the case. The 容缺 supplement of
/// deferred materials is handed in the same way and sends <c>materials-supplemented</c>.
/// </summary>
public static class CorrectionsApi
{
    public static RouteGroupBuilder MapCorrectionsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/tasks/{id:long}/corrections", RequestAsync).WithTags("Tasks").RequireAuthorization(Policies.Caseworkers)
            .WithSummary("Request corrections of an application made online: every item (material, problem, fix) in one notice with the deadline and the consequence; completes the pre-review task with request-correction")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/my/corrections", OpenAsync).WithTags("Applications").RequireAuthorization(Policies.Applicants)
            .WithSummary("The caller's open correction requests, each with every item, the deadline and the consequence of missing it");
        api.MapPost("/applications/{id}/corrections", AnswerAsync).WithTags("Applications").RequireAuthorization(Policies.Applicants)
            .WithSummary("Answer the open correction request with the corrected materials (uploaded first as new versions); re-signs the application and moves the case on")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/applications/{id}/supplement", SupplementAsync).WithTags("Applications").RequireAuthorization(Policies.Applicants)
            .WithSummary("Supplement the materials deferred under 容缺 (uploaded first as new versions), all at once; re-signs the application and sends materials-supplemented to the case")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    /// <summary>A correction request.</summary>
    /// <param name="Items">Every item to correct: the material's code, what is wrong, how to fix it.</param>
    public sealed record CorrectionRequestBody(IReadOnlyList<CorrectionItemInput> Items);

    /// <summary>An answer to the open correction request.</summary>
    /// <param name="Materials">The codes of the corrected materials (every one the request asks for).</param>
    public sealed record CorrectionAnswerBody(IReadOnlyList<string> Materials);

    /// <summary>A 容缺 supplement.</summary>
    /// <param name="Materials">The codes of the deferred materials supplied (every one deferred).</param>
    public sealed record SupplementBody(IReadOnlyList<string> Materials);

    private static async Task<Results<Created<CorrectionRequestView>, ProblemHttpResult>> RequestAsync(
        long id, CorrectionRequestBody body, ClaimsPrincipal user, RequestCorrections corrections, CancellationToken ct)
    {
        var request = await corrections.RunAsync(id, body.Items, user.ToActor(), ct);
        return request.CaseFaulted
            ? CaseFaulted($"the correction request was recorded but case {request.CaseId} faulted")
            : TypedResults.Created($"/api/my/corrections", request);
    }

    private static async Task<Ok<IReadOnlyList<CorrectionRequestView>>> OpenAsync(ClaimsPrincipal user, ApplicationReader reader, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await reader.OpenCorrectionsAsync(user.ToActor(), time.GetUtcNow().UtcDateTime, ct));

    private static async Task<Results<Ok<CorrectionAnswer>, ProblemHttpResult>> AnswerAsync(
        string id, CorrectionAnswerBody body, ClaimsPrincipal user, AnswerCorrections answers, CancellationToken ct)
    {
        var answer = await answers.RunAsync(id, body.Materials, user.ToActor(), ct);
        return answer.CaseFaulted
            ? CaseFaulted($"the corrections were recorded but case {answer.CaseId} faulted")
            : TypedResults.Ok(answer);
    }

    private static async Task<Results<Ok<Supplement>, ProblemHttpResult>> SupplementAsync(
        string id, SupplementBody body, ClaimsPrincipal user, SupplementDeferred supplements, CancellationToken ct)
    {
        var supplement = await supplements.RunAsync(id, body.Materials, user.ToActor(), ct);
        return supplement.CaseFaulted
            ? CaseFaulted($"the supplement was recorded but case {supplement.CaseId} faulted")
            : TypedResults.Ok(supplement);
    }

    private static ProblemHttpResult CaseFaulted(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused by the procedure",
            detail: detail, extensions: new Dictionary<string, object?> { ["code"] = "case-faulted" });
}
