using System.Security.Claims;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Licences;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Licences;

/// <summary>
/// <c>/api/licences</c>: a department's licences for its staff (clerks and heads their own department's, auditors and
/// admins any), recording a delivery (staff of the issuing department), revoking (its head, with a reason).
/// </summary>
public static class LicencesApi
{
    public static RouteGroupBuilder MapLicencesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/licences").WithTags("Licences");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Officials)
            .WithSummary("A department's licences, newest first (?department=, ?status=valid|revoked|expired, ?undelivered=true, ?limit=)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/delivery-alerts", AlertsAsync).RequireAuthorization(Policies.LicenceAuthorities)
            .WithSummary("Licences of the head's department not delivered within 10 working days of the decision (art. 44)");
        group.MapGet("/{number}", GetAsync).RequireAuthorization(Policies.Officials)
            .WithSummary("One licence of the caller's department").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{number}/delivery", DeliverAsync).RequireAuthorization(Policies.Caseworkers)
            .WithSummary("Record that the licence reached its holder (counter, post): staff of the issuing department")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{number}/revoke", RevokeAsync).RequireAuthorization(Policies.LicenceAuthorities)
            .WithSummary("Revoke the licence, with a reason: the head of the issuing department (or an admin)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<LicenceDetail>>> ListAsync(ClaimsPrincipal user, LicenceList licences, CancellationToken ct,
        string? department = null, LicenceStatus? status = null, bool undelivered = false, int limit = 100) =>
        TypedResults.Ok(await licences.OfDepartmentAsync(department, status, undelivered, limit, user.ToActor(), ct));

    private static async Task<Ok<IReadOnlyList<DeliveryAlertView>>> AlertsAsync(ClaimsPrincipal user, DeliveryAlerts alerts, CancellationToken ct) =>
        TypedResults.Ok(await alerts.OpenAsync(user.ToActor(), ct));

    private static async Task<Ok<LicenceDetail>> GetAsync(string number, ClaimsPrincipal user, LicenceList licences, CancellationToken ct) =>
        TypedResults.Ok(await licences.GetAsync(number, user.ToActor(), ct));

    private static async Task<Ok<LicenceDetail>> DeliverAsync(string number, DeliveryInput input, ClaimsPrincipal user, RecordDelivery delivery, LicenceList licences, CancellationToken ct)
    {
        var actor = user.ToActor();
        await delivery.RunAsync(number, input.Method, actor, ct);
        return TypedResults.Ok(await licences.GetAsync(number, actor, ct));
    }

    private static async Task<Ok<LicenceDetail>> RevokeAsync(string number, RevocationInput input, ClaimsPrincipal user, RevokeLicence revoke, LicenceList licences, CancellationToken ct)
    {
        var actor = user.ToActor();
        await revoke.RunAsync(number, input.Reason, actor, ct);
        return TypedResults.Ok(await licences.GetAsync(number, actor, ct));
    }
}

/// <summary>How the licence was delivered: counter, post or e-service.</summary>
public sealed record DeliveryInput(string Method);

/// <summary>Why the licence is revoked (required).</summary>
public sealed record RevocationInput(string Reason);
