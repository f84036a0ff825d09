using System.Security.Claims;
using CloudApproval.Cases;
using Microsoft.AspNetCore.Identity;

namespace CloudApproval.Web.Identity;

/// <summary>
/// The staff of a department as the identity store knows them (their department claim), each read as the actor the
/// use cases check: a head's reminder goes to those of them whose duties include the task's role.
/// </summary>
public static class StaffDirectory
{
    public static Func<string, CancellationToken, Task<IReadOnlyList<Actor>>> Of(UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(principals);
        return async (department, _) =>
        {
            var actors = new List<Actor>();
            foreach (var user in await users.GetUsersForClaimAsync(new Claim(AppClaims.Department, department)))
                actors.Add((await principals.CreateAsync(user)).ToActor());
            return actors;
        };
    }
}
