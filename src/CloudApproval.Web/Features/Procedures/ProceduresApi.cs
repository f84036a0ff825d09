using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;
using CloudApproval.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Procedures;

/// <summary>The procedure catalogue and the activity registry the designer is generated from.</summary>
public static class ProceduresApi
{
    public static RouteGroupBuilder MapProceduresApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/activity-types", () => TypedResults.Ok(ActivityRegistry.Descriptors))
            .RequireAuthorization(Policies.Staff).WithTags("Procedures")
            .WithSummary("Every activity type with its inputs, ports and outputs (the designer's toolbox and property panel)");

        var group = api.MapGroup("/procedures").WithTags("Procedures");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Staff).WithSummary("Every procedure with its versions (each with its case count and latest changelog line)");
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Staff).WithSummary("One procedure: versions, status, who published when");
        group.MapGet("/{id}/versions/{version:int}", ExportAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("The canonical JSON of one version, byte-identical to workflows/<id>/v<version>.json");
        group.MapPost("/validate", ValidateAsync).RequireAuthorization(Policies.Designers)
            .Accepts<object>("application/json").WithSummary("Every problem in a definition, each with its JSON path and code");
        group.MapProcedureAuthoring();
        group.MapProcedureSimulation();
        return api;
    }

    /// <summary>A procedure and its stored versions, oldest first.</summary>
    public sealed record ProcedureView(string Id, string Name, IReadOnlyList<VersionView> Versions);

    /// <summary>One stored version.</summary>
    public sealed record VersionView(int Version, string Name, ProcedureVersionStatus Status, string ContentHash,
        string CreatedBy, DateTime CreatedAt, string? PublishedBy, DateTime? PublishedAt, string? RetiredBy, DateTime? RetiredAt,
        int CaseCount, string? Changelog);

    /// <summary>The validator's answer.</summary>
    public sealed record ValidationView(bool Valid, IReadOnlyList<ProblemView> Errors);

    /// <summary>One problem, located by JSON path.</summary>
    public sealed record ProblemView(string Path, string Code, string Message)
    {
        public static ProblemView Of(DefinitionError error)
        {
            ArgumentNullException.ThrowIfNull(error);
            return new ProblemView(error.Path, error.Code, error.Message);
        }
    }

    private static async Task<Ok<List<ProcedureView>>> ListAsync(ProcedureOverview overview, CancellationToken ct) =>
        TypedResults.Ok(Group(await overview.ListAsync(cancellationToken: ct)));

    private static async Task<Results<Ok<ProcedureView>, NotFound<string>>> GetAsync(string id, ProcedureOverview overview, CancellationToken ct)
    {
        var found = Group(await overview.ListAsync(id, ct));
        return found.Count == 1 ? TypedResults.Ok(found[0]) : TypedResults.NotFound($"no procedure '{id}'");
    }

    /// <summary>A procedure known to exist (just changed by a use case) as the API shows it.</summary>
    internal static async Task<ProcedureView> ViewAsync(ProcedureOverview overview, string id, CancellationToken ct) =>
        Group(await overview.ListAsync(id, ct)).Single();

    private static async Task<ContentHttpResult> ExportAsync(string id, int version, ProcedureCatalog catalog, CancellationToken ct) =>
        // Text, not a re-serialised object: the bytes are the ones whose hash was recorded at import.
        TypedResults.Text(await catalog.ExportAsync(id, version, ct), "application/json; charset=utf-8");

    private static async Task<Ok<ValidationView>> ValidateAsync(HttpRequest request, CancellationToken ct)
    {
        var errors = ProcedureValidator.Validate(await RequestText.ReadAsync(request, ct), "request");
        return TypedResults.Ok(new ValidationView(errors.Count == 0, errors.Select(ProblemView.Of).ToList()));
    }

    /// <summary>Versions come ordered by id then version (the catalogue's order); a procedure is named after its latest.</summary>
    private static List<ProcedureView> Group(IEnumerable<VersionOverview> versions) => versions
        .GroupBy(o => o.Version.DefinitionId, StringComparer.Ordinal)
        .Select(g => new ProcedureView(g.Key, g.Last().Version.Name, g.Select(View).ToList()))
        .ToList();

    private static VersionView View(VersionOverview overview)
    {
        var v = overview.Version;
        return new VersionView(v.Version, v.Name, v.Status, v.ContentHash, v.CreatedBy, v.CreatedAt, v.PublishedBy, v.PublishedAt,
            v.RetiredBy, v.RetiredAt, overview.CaseCount, overview.Changelog);
    }
}
