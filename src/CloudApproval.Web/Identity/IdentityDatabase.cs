using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Web.Identity;

/// <summary>Brings the identity tables to the current schema.</summary>
internal static class IdentityDatabase
{
    public static async Task MigrateAsync(IServiceProvider scoped, CancellationToken cancellationToken)
    {
        var db = scoped.GetRequiredService<IdentityDb>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
