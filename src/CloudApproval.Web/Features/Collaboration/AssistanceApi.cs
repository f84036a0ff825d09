using System.Security.Claims;
using CloudApproval.Cases.Collaboration;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Collaboration;

/// <summary>
/// Administrative assistance (行政协助, measure 8): the catalogue of what departments may ask each other for, requests made
/// on a case by the departments handling it, and where each stands (declines with reasons, results with provenance).
/// The assisting department answers from its inbox: the request is a task of its own assistance case.
/// </summary>
public static class AssistanceApi
{
    public static RouteGroupBuilder MapAssistanceApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/assistance/catalogue", Catalogue).WithTags("Collaboration").RequireAuthorization(Policies.Officials)
            .WithSummary("The assistance catalogue: each item's code, name, content, assisting department, time limit in working days, legal basis and data port (answered at once)");
        api.MapPost("/cases/{id}/assistance", RequestAsync).WithTags("Collaboration").RequireAuthorization(Policies.Caseworkers)
            .WithSummary("Request assistance on a running case the caller's department handles: {item, question}. A data-port item is answered at once; otherwise the assisting department gets a task in its inbox. The case's legal clock keeps running")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/cases/{id}/assistance", ListAsync).WithTags("Collaboration").RequireAuthorization(Policies.Officials)
            .WithSummary("The assistance requested on a case, newest first: status (open, accepted, declined, provided), a decline's reasons, the result with who gave it, when and the file's SHA-256")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collaboration/assistance-figures", FiguresAsync).WithTags("Collaboration").RequireAuthorization(Policies.Officials)
            .WithSummary("Per assisting department, the assistance requested from ?from= to ?to= (China dates, at most a year): open, declined, provided, on time (%), escalations to the head, data-port answers, median reply in working days. Clerks and heads: their departments; auditors and admins: all")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    /// <summary>A request for assistance.</summary>
    /// <param name="Item">The catalogue item's code.</param>
    /// <param name="Question">What exactly is asked (the item's content is added); shared with the assisting department.</param>
    public sealed record AssistanceRequestBody(string? Item, string? Question);

    private static Ok<IReadOnlyList<AssistanceItem>> Catalogue(AssistanceCatalog catalog) => TypedResults.Ok(catalog.All);

    private static async Task<Created<AssistanceRequestView>> RequestAsync(string id, AssistanceRequestBody body, ClaimsPrincipal user,
        RequestAssistance request, CancellationToken ct)
    {
        var made = await request.RunAsync(id, body.Item, body.Question, user.ToActor(), ct);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(id)}/assistance", made);
    }

    private static async Task<Ok<IReadOnlyList<AssistanceRequestView>>> ListAsync(string id, ClaimsPrincipal user, AssistanceRequests requests, CancellationToken ct) =>
        TypedResults.Ok(await requests.ListAsync(id, user.ToActor(), ct));

    private static async Task<Ok<IReadOnlyList<DepartmentAssistance>>> FiguresAsync(DateOnly from, DateOnly to, ClaimsPrincipal user,
        AssistanceFigures figures, CancellationToken ct) =>
        TypedResults.Ok(await figures.RunAsync(from, to, user.ToActor(), ct));
}
