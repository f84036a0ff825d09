using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Web.Identity;

/// <summary>Brings the identity tables to the current schema, with the product's roles in them.</summary>
internal static class IdentityDatabase
{
    public static async Task MigrateAsync(IServiceProvider scoped, CancellationToken cancellationToken)
    {
        var db = scoped.GetRequiredService<IdentityDb>();
        await db.Database.MigrateAsync(cancellationToken);
        // Reference data every installation needs, whoever its users are (the demo organisation or a first admin).
        var roles = scoped.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            var created = await roles.CreateAsync(new IdentityRole(role));
            if (!created.Succeeded)
                throw new InvalidOperationException($"creating the role {role}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
    }
}
