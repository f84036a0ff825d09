using System.Security.Claims;
using CloudApproval.Cases.Definitions;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Procedures;

/// <summary>
/// The designer's writes: save a draft, publish it, retire a published version. Who may is checked by the use cases
/// (analysts); the policy only keeps out those who may not even look.
/// </summary>
internal static class ProcedureAuthoringApi
{
    public static RouteGroupBuilder MapProcedureAuthoring(this RouteGroupBuilder group)
    {
        group.MapPut("/{id}/draft", SaveDraftAsync).RequireAuthorization(Policies.Designers)
            .Accepts<object>("application/json")
            .WithSummary("Save a definition as the procedure's draft (replacing it, or as a new version after the highest); returns what is still invalid");
        group.MapPost("/{id}/draft/publish", PublishDraftAsync).RequireAuthorization(Policies.Designers)
            .WithSummary("Publish the procedure's draft: refused while it has validation errors; immutable afterwards");
        group.MapPost("/{id}/versions/{version:int}/retire", RetireAsync).RequireAuthorization(Policies.Designers)
            .WithSummary("Retire a published version: no new cases start on it; running ones finish on it");
        return group;
    }

    /// <summary>The saved draft and every problem left in it, each located by JSON path.</summary>
    public sealed record DraftView(string Id, int Version, string ContentHash, bool Changed, bool Valid, IReadOnlyList<ProceduresApi.ProblemView> Errors);

    private static async Task<Ok<DraftView>> SaveDraftAsync(string id, HttpRequest request, ClaimsPrincipal user, SaveDraft drafts, CancellationToken ct)
    {
        var actor = user.ToActor();
        var saved = await drafts.SaveAsync(id, await RequestText.ReadAsync(request, ct), actor, ct);
        return TypedResults.Ok(new DraftView(saved.DefinitionId, saved.Version, saved.ContentHash, saved.Changed, saved.Valid,
            saved.Errors.Select(ProceduresApi.ProblemView.Of).ToList()));
    }

    private static async Task<Ok<ProceduresApi.ProcedureView>> PublishDraftAsync(string id, ClaimsPrincipal user, PublishProcedure publisher, ProcedureOverview overview, CancellationToken ct)
    {
        await publisher.PublishDraftAsync(id, user.ToActor(), ct);
        return TypedResults.Ok(await ProceduresApi.ViewAsync(overview, id, ct));
    }

    private static async Task<Ok<ProceduresApi.ProcedureView>> RetireAsync(string id, int version, ClaimsPrincipal user, PublishProcedure publisher, ProcedureOverview overview, CancellationToken ct)
    {
        await publisher.RetireAsync(id, version, user.ToActor(), ct);
        return TypedResults.Ok(await ProceduresApi.ViewAsync(overview, id, ct));
    }
}
