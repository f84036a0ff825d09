using System.Security.Claims;
using CloudApproval.Cases;

namespace CloudApproval.Web.Identity;

/// <summary>The signed-in user as the use cases know them: the user name, roles, departments and duties from the claims.</summary>
public static class Actors
{
    /// <summary>The actor of an authenticated request (every endpoint that calls a use case requires sign-in).</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name;
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrWhiteSpace(name))
            throw new InvalidOperationException("an endpoint that calls a use case must require a signed-in user");
        return new Actor(name, user.FindFirstValue(AppClaims.DisplayName),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(ActorRoles.OfUsers.Contains),
            user.FindAll(AppClaims.Department).Select(c => c.Value),
            user.FindAll(AppClaims.Duty).Select(c => c.Value));
    }
}
