using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Web.Identity;

/// <summary>
/// Users, roles and claims, in the same database as the cases. One subclass per provider, each with its own migrations
/// and its own history table, so the cases' migrations and these never step on each other.
/// </summary>
public abstract class IdentityDb(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public const string HistoryTable = "__IdentityMigrationsHistory";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(200);
    }
}

public sealed class SqliteIdentityDb(DbContextOptions<SqliteIdentityDb> options) : IdentityDb(options);

public sealed class SqlServerIdentityDb(DbContextOptions<SqlServerIdentityDb> options) : IdentityDb(options);

/// <summary>
/// PostgreSQL: one <c>Initial</c> migration, regenerated from the model whenever it changes (delete
/// <c>Identity/Migrations/PostgreSql</c>, then from the repository root):
/// <c>dotnet ef migrations add Initial --project src/CloudApproval.Web --context PostgreSqlIdentityDb --output-dir Identity/Migrations/PostgreSql</c>
/// </summary>
public sealed class PostgreSqlIdentityDb(DbContextOptions<PostgreSqlIdentityDb> options) : IdentityDb(options);
