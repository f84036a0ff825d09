using CloudApproval.Cases.Alerts;
using System.Security.Claims;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Me;

/// <summary><c>GET /api/me</c>: who the caller is, as every page needs it for its navigation.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/me", Get).RequireAuthorization(Policies.SignedIn).WithTags("Me").WithSummary("The signed-in user: roles, departments, duties");
        api.MapGet("/me/alerts", AlertsAsync).RequireAuthorization(Policies.Caseworkers).WithTags("Me")
            .WithSummary("The caller's alerts, newest first: heads' reminders (催办) about tasks, and a head's on-time alerts; each with its read time before this reading, which marks them read");
        return api;
    }

    /// <summary>The signed-in user.</summary>
    /// <param name="UserName">Sign-in name, recorded in audit trails.</param>
    /// <param name="DisplayName">Shown in pages.</param>
    /// <param name="Roles">Product roles (Clerk, Analyst ...).</param>
    /// <param name="Departments">Departments whose tasks and cases the user sees.</param>
    /// <param name="Duties">Task roles named by procedures (intake-clerk, reviewer ...).</param>
    public sealed record MeView(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, IReadOnlyList<string> Duties);

    private static Ok<MeView> Get(ClaimsPrincipal user)
    {
        // The same reading of the claims as every use case gets, so what a page shows is what the checks see.
        var actor = user.ToActor();
        return TypedResults.Ok(new MeView(actor.Id, actor.DisplayName, Sorted(actor.Roles), Sorted(actor.Departments), Sorted(actor.Duties)));
    }

    private static async Task<Ok<IReadOnlyList<StaffAlertView>>> AlertsAsync(ClaimsPrincipal user, StaffAlerts alerts, CancellationToken ct) =>
        TypedResults.Ok(await alerts.OpenAsync(user.ToActor(), ct));

    private static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();
}
