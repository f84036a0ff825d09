using CloudApproval.Cases;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace CloudApproval.Web.Components.Workspaces;

/// <summary>The signed-in user of a page as the use cases know them, exactly as the API builds it from the same claims.</summary>
internal static class PageActor
{
    public static async Task<Actor> ActorAsync(this AuthenticationStateProvider authentication) =>
        (await authentication.GetAuthenticationStateAsync()).User.ToActor();
}
