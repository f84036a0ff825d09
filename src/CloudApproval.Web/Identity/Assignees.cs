using CloudApproval.Cases;
using Microsoft.AspNetCore.Identity;

namespace CloudApproval.Web.Identity;

/// <summary>Who a task is handed to, by user name, as the application knows them (roles, departments, duties), so Cases can check they fit the task.</summary>
public static class Assignees
{
    public static async Task<Actor> ActorOfAsync(string userName, UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(principals);
        var found = await users.FindByNameAsync(userName) ?? throw new CasesException("invalid-assignee", $"$.assignee: no user '{userName}'");
        return (await principals.CreateAsync(found)).ToActor();
    }
}
