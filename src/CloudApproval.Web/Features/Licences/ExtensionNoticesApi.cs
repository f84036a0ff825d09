using System.Security.Claims;
using CloudApproval.Cases.Licences;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Licences;

/// <summary>
/// <c>/api/extension-notices</c> (延期办): heads (and admins) create, preview and apply notices extending the licences of a
/// matter expiring in a window; staff of the department read them, with progress (done of total) while one applies.
/// </summary>
public static class ExtensionNoticesApi
{
    public static RouteGroupBuilder MapExtensionNoticesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/extension-notices").WithTags("Licences");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.LicenceAuthorities)
            .WithSummary("Draft an extension notice: department, matterCode or licenceType, expiringFrom/To, newValidUntil or extendMonths, legalBasis")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Officials).WithSummary("Extension notices of the caller's departments (?department=)");
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Officials)
            .WithSummary("One notice and its progress (done of total)").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}/preview", PreviewAsync).RequireAuthorization(Policies.LicenceAuthorities)
            .WithSummary("How many licences applying the notice would extend now").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/apply", ApplyAsync).RequireAuthorization(Policies.LicenceAuthorities)
            .WithSummary("Apply the notice (a background job in batches; again on a notice still applying resumes it)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Created<ExtensionNoticeView>> CreateAsync(ExtensionNoticeInput input, ClaimsPrincipal user, ExtensionNotices notices, CancellationToken ct)
    {
        var notice = await notices.CreateAsync(input, user.ToActor(), ct);
        return TypedResults.Created($"/api/extension-notices/{notice.Id}", notice);
    }

    private static async Task<Ok<IReadOnlyList<ExtensionNoticeView>>> ListAsync(ClaimsPrincipal user, ExtensionNotices notices, CancellationToken ct, string? department = null) =>
        TypedResults.Ok(await notices.ListAsync(department, user.ToActor(), ct));

    private static async Task<Ok<ExtensionNoticeView>> GetAsync(long id, ClaimsPrincipal user, ExtensionNotices notices, CancellationToken ct) =>
        TypedResults.Ok(await notices.GetAsync(id, user.ToActor(), ct));

    private static async Task<Ok<ExtensionPreview>> PreviewAsync(long id, ClaimsPrincipal user, ExtensionNotices notices, CancellationToken ct) =>
        TypedResults.Ok(await notices.PreviewAsync(id, user.ToActor(), ct));

    private static async Task<Accepted<ExtensionNoticeView>> ApplyAsync(long id, ClaimsPrincipal user, ExtensionNotices notices, CancellationToken ct) =>
        TypedResults.Accepted($"/api/extension-notices/{id}", await notices.ApplyAsync(id, user.ToActor(), ct));
}
