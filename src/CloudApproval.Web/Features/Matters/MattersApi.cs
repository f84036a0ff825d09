using CloudApproval.Cases.Matters;
using CloudApproval.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Matters;

/// <summary>
/// The matter catalogue (办事指南). Public, anonymous callers included: the Administrative Licensing Law (art. 30) requires
/// the items, conditions, materials, limits and legal basis of every licence to be publicised, and people read them
/// before they have an account. Rate-limited like the other public endpoints.
/// </summary>
public static class MattersApi
{
    public static RouteGroupBuilder MapMattersApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/matters").WithTags("Matters").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        group.MapGet("/", ListAsync).WithSummary("Every matter, by department then code; ?department= for one department's");
        group.MapGet("/{code}", GetAsync).WithSummary("One matter: procedure, legal and promised limits, materials, 告知承诺 terms, licence, legal basis")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<MatterSummary>>> ListAsync(MatterCatalog catalog, CancellationToken ct, string? department = null) =>
        TypedResults.Ok(await catalog.ListAsync(department, ct));

    private static async Task<Ok<Matter>> GetAsync(string code, MatterCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.GetAsync(code, ct));
}
