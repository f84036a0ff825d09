using CloudApproval.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace CloudApproval.Web.Identity;

/// <summary>
/// An installation without the demo organisation (a server database, or the demo switched off) must have an
/// administrator: without one nobody could ever manage it. The first one comes from configuration
/// (<c>CloudApproval:Admin:UserName</c> and <c>:Password</c>, e.g. environment variables, never the repository); once
/// an administrator exists the settings are ignored and can be removed.
/// </summary>
internal static class FirstAdministrator
{
    public static async Task EnsureAsync(IServiceProvider scoped, AdminSettings? configured, ILogger logger)
    {
        var users = scoped.GetRequiredService<UserManager<AppUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;
        if (configured is not { UserName: { Length: > 0 } name, Password: { Length: > 0 } password })
            throw new StartupRefusedException(
                "CloudApproval cannot start: this database has no administrator and the demo organisation is not seeded here. "
                + "For the first start set CloudApproval:Admin:UserName and CloudApproval:Admin:Password "
                + "(environment variables CloudApproval__Admin__UserName and CloudApproval__Admin__Password).");
        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            user = new AppUser { UserName = name, DisplayName = name, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), $"CloudApproval:Admin:UserName '{name}'");
        }
        Check(await users.AddToRoleAsync(user, Roles.Admin), name);
        logger.LogWarning("Administrator {UserName} created from configuration; remove CloudApproval:Admin:Password from it now", name);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new StartupRefusedException($"CloudApproval cannot start: {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
