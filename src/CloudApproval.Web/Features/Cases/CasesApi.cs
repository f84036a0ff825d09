using System.Security.Claims;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CloudApproval.Web.Features.Cases;

/// <summary>
/// Cases: applicants apply and follow theirs, clerks start them on an applicant's behalf and follow their departments',
/// auditors and admins read all. Who sees which case is decided in Cases; a case one may not see is a 404.
/// </summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/cases").WithTags("Cases");
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Casework)
            .WithSummary("Start a case: an applicant for themselves, a clerk or head on behalf of the applicant named. Answers the tasks it opened that the caller may see (openedTasks)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("The cases the caller may read, newest first, keyset-paged (pass nextCursor as after); overdue: the legal clock runs and its due date has passed")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("The case file: data, tasks, timers, notices, licences, the legal clock and the timeline")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/timeline", TimelineAsync).RequireAuthorization(Policies.CaseReaders)
            .WithSummary("What happened, oldest first, across the case and its sub-procedures; effects as data")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/events/{name}", SendEventAsync).RequireAuthorization(Policies.Casework)
            .WithSummary("Send a named event (materials-supplemented, commitment-signed ...) with an optional JSON object payload. Answers the tasks it opened that the caller may see (openedTasks)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}/audit", AuditAsync).RequireAuthorization(Policies.Officials)
            .WithSummary("The case's audit chain, paged by sequence, with the verification of the whole chain and rows")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>A case to start.</summary>
    /// <param name="Procedure">The procedure (definition id), e.g. commitment.</param>
    /// <param name="Version">A published version; default the highest published.</param>
    /// <param name="Input">The start input (a JSON object), e.g. {"department":"market-supervision"}.</param>
    /// <param name="Applicant">Whose case it is: required when a clerk starts it; an applicant may only name themselves.</param>
    public sealed record StartCaseRequest(string Procedure, int? Version = null, JsonObject? Input = null, string? Applicant = null);

    private static async Task<Results<Created<CaseOutcomeView>, ProblemHttpResult>> StartAsync(
        StartCaseRequest request, ClaimsPrincipal user, CaseRuntime runtime, CancellationToken ct)
    {
        var actor = user.ToActor();
        var outcome = await runtime.StartAsync(request.Procedure, request.Version, request.Input, actor, request.Applicant, ct);
        return outcome.Faulted ? CaseOutcomeView.FaultedProblem(outcome) : TypedResults.Created($"/api/cases/{outcome.CaseId}", CaseOutcomeView.From(outcome, actor));
    }

    private static async Task<Ok<CasePage>> ListAsync(
        ClaimsPrincipal user, CaseList cases, CancellationToken ct,
        string? procedure = null, CaseStatus? status = null, string? department = null, string? applicant = null, bool? overdue = null,
        string? matter = null, string? outcome = null, DateOnly? from = null, DateOnly? to = null, bool? suspended = null, bool? extended = null,
        string? after = null, int limit = 50) =>
        TypedResults.Ok(await cases.ListAsync(new CaseQuery
        {
            Procedure = procedure,
            Status = status,
            Department = department,
            Applicant = applicant,
            Overdue = overdue,
            Matter = matter,
            Outcome = outcome,
            From = from,
            To = to,
            Suspended = suspended,
            Extended = extended,
            After = after,
            Limit = limit,
        }, user.ToActor(), ct));

    private static async Task<Ok<CaseFile>> GetAsync(string id, ClaimsPrincipal user, CaseHistory history, CancellationToken ct) =>
        TypedResults.Ok(await history.GetAsync(id, user.ToActor(), ct));

    private static async Task<Ok<IReadOnlyList<TimelineEntry>>> TimelineAsync(string id, ClaimsPrincipal user, CaseHistory history, CancellationToken ct) =>
        TypedResults.Ok(await history.TimelineAsync(id, user.ToActor(), ct));

    private static async Task<Results<Ok<CaseOutcomeView>, ProblemHttpResult>> SendEventAsync(
        string id, string name, [FromBody] JsonObject? payload, ClaimsPrincipal user, CaseRuntime runtime, CancellationToken ct)
    {
        var actor = user.ToActor();
        var outcome = await runtime.SendEventAsync(id, name, payload, actor, ct);
        return outcome.Faulted ? CaseOutcomeView.FaultedProblem(outcome) : TypedResults.Ok(CaseOutcomeView.From(outcome, actor));
    }

    private static async Task<Ok<AuditPage>> AuditAsync(string id, ClaimsPrincipal user, AuditTrail trail, CancellationToken ct, long after = 0, int limit = 100) =>
        TypedResults.Ok(await trail.PageAsync(id, user.ToActor(), after, limit, ct));
}
