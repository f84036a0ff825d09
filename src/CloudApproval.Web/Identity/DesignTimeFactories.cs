using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudApproval.Web.Identity;

/// <summary>For <c>dotnet ef</c> only: builds the SQLite identity context without a host.</summary>
internal sealed class SqliteIdentityDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIdentityDb>
{
    public SqliteIdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIdentityDb>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(IdentityDb.HistoryTable)).Options);
}

/// <summary>For <c>dotnet ef</c> only: migrations and scripts need no server, so a placeholder connection string serves.</summary>
internal sealed class SqlServerIdentityDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerIdentityDb>
{
    public SqlServerIdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerIdentityDb>()
            .UseSqlServer("Server=design-time;Database=CloudApproval;Integrated Security=true;TrustServerCertificate=true",
                o => o.MigrationsHistoryTable(IdentityDb.HistoryTable)).Options);
}

/// <summary>For <c>dotnet ef</c> only: generating migrations needs no server, so a placeholder connection string serves.</summary>
internal sealed class PostgreSqlIdentityDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlIdentityDb>
{
    public PostgreSqlIdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlIdentityDb>()
            .UseNpgsql("Host=design-time;Database=cloudapproval", o => o.MigrationsHistoryTable(IdentityDb.HistoryTable)).Options);
}
